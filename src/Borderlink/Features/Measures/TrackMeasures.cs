using Borderlink.Data;
using Borderlink.Features.Agreements;
using Borderlink.Features.Cooperation;
using Borderlink.Features.Meetings;
using Borderlink.Features.Minutes;
using Borderlink.Sharing;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Measures;

/// <summary>
/// A party takes on a measure agreed at a meeting, in minutes, in an agreement or after a drill it took part in, and
/// reports progress on it. The measure is shared with the other parties of that source it concerns (none other), and
/// only the owner party's officers change it or report on it.
/// </summary>
public static class TrackMeasures
{
    public sealed record Request(string? What, string? Language, DateOnly? DueOn, Guid? AgencyId, MeasureSource SourceKind, Guid SourceId,
        IReadOnlyList<string>? Concerns = null);

    public sealed record ProgressRequest(MeasureStatus Status, string? Note, string? Evidence, string? Language);

    /// <summary>What a measure was agreed in: its meeting (for the follow-up view) and the parties that were there.</summary>
    public sealed record Origin(Guid? MeetingId, IReadOnlyList<string> Parties, string Title);

    public static async Task<Outcome<AgreedMeasure>> CreateAsync(BorderlinkDb db, TimeProvider clock, Request r, CancellationToken ct = default)
    {
        var viewer = db.Viewer;
        if (viewer.Party is null || viewer.AgencyId is null || !Policies.OfficerRoles.Any(viewer.IsInRole)) return new Outcome<AgreedMeasure>.Forbidden();
        var origin = await OriginAsync(db, r.SourceKind, r.SourceId, ct);
        var errors = new List<FieldError>();
        if (origin is null) errors.Add(new("sourceId", "Measures.UnknownSource"));
        else if (!origin.Parties.Contains(viewer.Party)) errors.Add(new("sourceId", "Measures.NotAParty"));
        var concerns = (r.Concerns ?? origin?.Parties ?? []).Where(p => p != viewer.Party).Distinct(StringComparer.Ordinal).ToList();
        if (origin is not null)
            errors.AddRange(concerns.Where(p => !origin.Parties.Contains(p)).Select(p => new FieldError("concerns", "Measures.NotAtSource", p)));
        errors.AddRange(await CheckAsync(db, r, ct));
        if (errors.Count > 0) return new Outcome<AgreedMeasure>.Invalid(errors);

        var measure = new AgreedMeasure
        {
            OwnerParty = viewer.Party, OwnerAgencyId = r.AgencyId ?? viewer.AgencyId.Value, What = r.What!.Trim(), Language = Languages.Canonical(r.Language)!,
            DueOn = r.DueOn!.Value, Status = MeasureStatus.Planned, SourceKind = r.SourceKind, SourceId = r.SourceId, MeetingId = origin!.MeetingId,
        };
        measure.SetVisibility(concerns.Count > 0 ? Visibility.Partners : Visibility.Internal, concerns, []);
        db.AgreedMeasures.Add(measure);
        await db.SaveChangesAsync(ct);
        return new Outcome<AgreedMeasure>.Done(measure, Created: true);
    }

    /// <summary>The owner changes what, when or which agency; a partner is refused (and it is audited).</summary>
    public static async Task<Outcome<AgreedMeasure>> ChangeAsync(BorderlinkDb db, Guid id, long version, Request r, CancellationToken ct = default)
    {
        var loaded = await RecordLoader.LoadForChangeAsync<AgreedMeasure>(db, id, RecordOperation.Edit, version, ct);
        if (loaded is not Outcome<AgreedMeasure>.Done { Value: var measure }) return loaded;
        var errors = await CheckAsync(db, r, ct);
        if (errors.Count > 0) return new Outcome<AgreedMeasure>.Invalid(errors);
        measure.What = r.What!.Trim();
        measure.Language = Languages.Canonical(r.Language)!;
        measure.DueOn = r.DueOn!.Value;
        measure.OwnerAgencyId = r.AgencyId ?? measure.OwnerAgencyId;
        return await RecordLoader.SaveVersionedAsync(db, measure, version, ct);
    }

    /// <summary>The owner reports progress: a new status, what was done, and the evidence. The report travels to the parties concerned.</summary>
    public static async Task<Outcome<AgreedMeasure>> ReportAsync(BorderlinkDb db, TimeProvider clock, Guid id, ProgressRequest r, CancellationToken ct = default)
    {
        var loaded = await RecordLoader.LoadAsync<AgreedMeasure>(db, id, RecordOperation.Edit, ct);
        if (loaded is not Outcome<AgreedMeasure>.Done { Value: var measure }) return loaded;
        var errors = new List<FieldError>();
        if (!Enum.IsDefined(r.Status)) errors.Add(new("status", "Error.UnknownKind"));
        FieldChecks.Text(errors, "note", r.Note, AgreedMeasure.TextMax, required: r.Status == measure.Status);
        FieldChecks.Text(errors, "evidence", r.Evidence, AgreedMeasure.TextMax, required: false);
        var language = Languages.Canonical(r.Language) ?? measure.Language;
        if (measure.Progress.Count >= AgreedMeasure.ProgressMax) errors.Add(new("note", "Measures.TooManyReports", AgreedMeasure.ProgressMax));
        if (errors.Count > 0) return new Outcome<AgreedMeasure>.Invalid(errors);
        // A new list, so the JSON column is seen as changed and the record gets a new version.
        measure.Progress = [.. measure.Progress, new MeasureProgress
        {
            At = clock.GetUtcNow(), By = db.Viewer.Name, Status = r.Status, Note = r.Note?.Trim() ?? "", Evidence = r.Evidence?.Trim() ?? "", Language = language,
        }];
        measure.Status = r.Status;
        return await RecordLoader.SaveVersionedAsync(db, measure, measure.Version, ct);
    }

    public static async Task<Origin?> OriginAsync(BorderlinkDb db, MeasureSource kind, Guid id, CancellationToken ct)
    {
        switch (kind)
        {
            case MeasureSource.Meeting:
                var meeting = await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
                return meeting is null ? null
                    : new Origin(meeting.Id, meeting.Audience.Concat(meeting.Participants.Select(p => p.Party)).Append(meeting.OwnerParty).Distinct().ToList(), meeting.Title);
            case MeasureSource.Minutes:
                var minutes = await db.Minutes.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
                return minutes is null ? null : new Origin(minutes.MeetingId, minutes.Signers, minutes.TitleA);
            case MeasureSource.Agreement:
                var agreement = await db.Agreements.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
                return agreement is null ? null
                    : new Origin(agreement.Meetings.FirstOrDefault(m => m.Role == AgreementMeetingRole.Made)?.MeetingId, agreement.PartyList, agreement.Title);
            case MeasureSource.Drill:
                var drill = await db.JointActivities.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
                return drill is null ? null : new Origin(null, drill.Audience.Append(drill.OwnerParty).ToList(), drill.Title);
            default:
                return null;
        }
    }

    /// <summary>Today's date in each party's zone: a measure is overdue from the day after its due date where its owner is.</summary>
    public static async Task<Func<string, DateOnly>> TodayByPartyAsync(BorderlinkDb db, TimeProvider clock, CancellationToken ct = default)
    {
        var zones = await db.Parties.AsNoTracking().ToDictionaryAsync(p => p.Code, p => p.TimeZone, ct);
        var now = clock.GetUtcNow();
        return party => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeDisplay.Find(zones.GetValueOrDefault(party)) ?? TimeZoneInfo.Utc).DateTime);
    }

    private static async Task<List<FieldError>> CheckAsync(BorderlinkDb db, Request r, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        FieldChecks.Text(errors, "what", r.What, AgreedMeasure.TextMax, required: true);
        if (!Languages.IsSupported(r.Language)) errors.Add(new("language", "Error.UnknownLanguage"));
        if (r.DueOn is null) errors.Add(new("dueOn", "Error.Required"));
        if (r.AgencyId is { } agency && !await db.Agencies.AnyAsync(a => a.Id == agency && a.PartyCode == db.Viewer.Party, ct))
            errors.Add(new("agencyId", "Measures.AgencyNotOurs"));
        return errors;
    }
}
