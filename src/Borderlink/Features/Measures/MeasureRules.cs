using Borderlink.Data;
using Borderlink.Features.Agreements;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Measures;

/// <summary>What the use cases of measures share: where a measure was agreed, each party's today, the checks of its fields.</summary>
public static class MeasureRules
{
    /// <summary>What a measure was agreed in: its meeting (for the follow-up view) and the parties that were there.</summary>
    public sealed record Origin(Guid? MeetingId, IReadOnlyList<string> Parties, string Title);

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

    internal static async Task<List<FieldError>> CheckAsync(BorderlinkDb db, CreateMeasure.Request r, CancellationToken ct)
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
