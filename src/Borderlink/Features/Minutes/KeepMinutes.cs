using Borderlink.Data;
using Borderlink.Features.Meetings;
using Borderlink.Sharing;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Minutes;

/// <summary>
/// The host party's liaison writes a meeting's minutes in two languages and changes them until every party has signed;
/// each party's liaison records its signatories; after the last signature a change is refused and made as an amendment.
/// </summary>
public static class KeepMinutes
{
    public sealed record Paragraph(string? A, string? B);

    public sealed record Request(string? LanguageA, string? LanguageB, string? TitleA, string? TitleB, IReadOnlyList<Paragraph>? Paragraphs);

    public sealed record SignRequest(string? SignatoryName, string? SignatoryTitle);

    public static async Task<Outcome<MeetingMinutes>> CreateAsync(BorderlinkDb db, TimeProvider clock, Guid meetingId, Request request, CancellationToken ct = default)
    {
        var loaded = await RecordLoader.LoadAsync<Meeting>(db, meetingId, RecordOperation.Edit, ct);
        if (loaded is not Outcome<Meeting>.Done { Value: var meeting })
            return loaded is Outcome<Meeting>.Forbidden ? new Outcome<MeetingMinutes>.Forbidden() : new Outcome<MeetingMinutes>.NotFound();
        if (!Policies.LiaisonRoles.Any(db.Viewer.IsInRole)) return await RefuseAsync(db, meeting, "write minutes", ct);

        var partners = meeting.Audience.Concat(meeting.Participants.Select(p => p.Party)).Where(p => p != meeting.OwnerParty)
            .Distinct(StringComparer.Ordinal).ToList();
        var errors = Check(request);
        if (partners.Count > 0)
            errors.AddRange(await Notes.NoteRules.ValidateVisibilityAsync(db, meeting.OwnerParty, Visibility.Partners, partners, [], clock, ct));
        if (errors.Count > 0) return new Outcome<MeetingMinutes>.Invalid(errors);

        var minutes = new MeetingMinutes
        {
            OwnerParty = meeting.OwnerParty, OwnerAgencyId = db.Viewer.AgencyId!.Value, MeetingId = meeting.Id, LanguageA = "", LanguageB = "", TitleA = "", TitleB = "",
            SigningParties = "|" + string.Join('|', partners.Append(meeting.OwnerParty).Order(StringComparer.Ordinal)) + "|",
        };
        Apply(minutes, request);
        minutes.SetVisibility(partners.Count > 0 ? Visibility.Partners : Visibility.Internal, partners, []);
        db.Minutes.Add(minutes);
        await db.SaveChangesAsync(ct);
        return new Outcome<MeetingMinutes>.Done(minutes, Created: true);
    }

    /// <summary>Changes the text while some party has not signed it; signed minutes answer Conflict ("minutes-locked").</summary>
    public static async Task<Outcome<MeetingMinutes>> ChangeAsync(BorderlinkDb db, Guid id, long version, Request request, CancellationToken ct = default)
    {
        var loaded = await RecordLoader.LoadForChangeAsync<MeetingMinutes>(db, id, RecordOperation.Edit, version, ct);
        if (loaded is not Outcome<MeetingMinutes>.Done { Value: var minutes }) return loaded;
        if (!Policies.LiaisonRoles.Any(db.Viewer.IsInRole)) return await RefuseAsync(db, minutes, "change minutes", ct);
        if ((await StateAsync(db, minutes, ct)).Locked)
        {
            db.Audit(Audit.AuditActions.Refused, Audit.AuditOutcomes.Denied, minutes, Audit.AuditDetail.MinutesLocked());
            await db.SaveChangesAsync(ct);
            return new Outcome<MeetingMinutes>.Conflict("minutes-locked", "Minutes.LockedChange");
        }
        var errors = Check(request);
        if (errors.Count > 0) return new Outcome<MeetingMinutes>.Invalid(errors);
        Apply(minutes, request);
        return await RecordLoader.SaveVersionedAsync(db, minutes, version, ct);
    }

    /// <summary>An amendment to locked minutes: new minutes of the same meeting and parties, numbered, signed on their own.</summary>
    public static async Task<Outcome<MeetingMinutes>> AmendAsync(BorderlinkDb db, Guid id, Request request, CancellationToken ct = default)
    {
        var loaded = await RecordLoader.LoadAsync<MeetingMinutes>(db, id, RecordOperation.Edit, ct);
        if (loaded is not Outcome<MeetingMinutes>.Done { Value: var amended }) return loaded;
        if (!Policies.LiaisonRoles.Any(db.Viewer.IsInRole)) return await RefuseAsync(db, amended, "amend minutes", ct);
        var original = amended.AmendsId is { } rootId ? await db.Minutes.FirstAsync(m => m.Id == rootId, ct) : amended;
        if (!(await StateAsync(db, original, ct)).Locked)
            return new Outcome<MeetingMinutes>.Conflict("minutes-not-locked", "Minutes.NotLockedAmend");
        var errors = Check(request);
        if (request.LanguageA != original.LanguageA || request.LanguageB != original.LanguageB) errors.Add(new("languageA", "Minutes.AmendSameLanguages"));
        if (errors.Count > 0) return new Outcome<MeetingMinutes>.Invalid(errors);

        var number = await db.Minutes.Where(m => m.AmendsId == original.Id).Select(m => (int?)m.AmendmentNumber).MaxAsync(ct) ?? 0;
        var amendment = new MeetingMinutes
        {
            OwnerParty = original.OwnerParty, OwnerAgencyId = db.Viewer.AgencyId!.Value, MeetingId = original.MeetingId, AmendsId = original.Id,
            AmendmentNumber = number + 1, LanguageA = "", LanguageB = "", TitleA = "", TitleB = "", SigningParties = original.SigningParties,
        };
        Apply(amendment, request);
        amendment.SetVisibility(original.Visibility, original.Audience, []);
        db.Minutes.Add(amendment);
        await db.SaveChangesAsync(ct);
        return new Outcome<MeetingMinutes>.Done(amendment, Created: true);
    }

    /// <summary>A liaison of a signing party records one of its signatories on the current text (the same name twice is one signature).</summary>
    /// <summary>Minutes record what a meeting agreed: they are signed once it has begun, not before (a meeting not seen does not hold them up).</summary>
    public static bool MeetingHeld(DateTimeOffset? startsAt, DateTimeOffset now) => startsAt is not { } starts || starts <= now;

    private static async Task<bool> MeetingHeldAsync(BorderlinkDb db, TimeProvider clock, MeetingMinutes minutes, CancellationToken ct) =>
        MeetingHeld(await db.Meetings.AsNoTracking().Where(m => m.Id == minutes.MeetingId).Select(m => (DateTimeOffset?)m.StartsAt).FirstOrDefaultAsync(ct), clock.GetUtcNow());

    public static async Task<Outcome<MinutesSignature>> SignAsync(BorderlinkDb db, TimeProvider clock, Guid id, long version, SignRequest request, CancellationToken ct = default)
    {
        var loaded = await RecordLoader.LoadAsync<MeetingMinutes>(db, id, RecordOperation.Read, ct);
        if (loaded is not Outcome<MeetingMinutes>.Done { Value: var minutes }) return new Outcome<MinutesSignature>.NotFound();
        var viewer = db.Viewer;
        if (viewer.Party is null || viewer.AgencyId is null || !Policies.LiaisonRoles.Any(viewer.IsInRole) || !minutes.Signers.Contains(viewer.Party))
        {
            db.Audit(Audit.AuditActions.Refused, Audit.AuditOutcomes.Denied, minutes, Audit.AuditDetail.MinutesSignNotAllowed());
            await db.SaveChangesAsync(ct);
            return new Outcome<MinutesSignature>.Forbidden();
        }
        if (minutes.Version != version) return new Outcome<MinutesSignature>.Stale(minutes.Version);
        if (!await MeetingHeldAsync(db, clock, minutes, ct)) return new Outcome<MinutesSignature>.Conflict("meeting-not-held", "Minutes.SignBeforeMeeting");
        var errors = new List<FieldError>();
        FieldChecks.Text(errors, "signatoryName", request.SignatoryName, MinutesSignature.NameMax, required: true);
        FieldChecks.Text(errors, "signatoryTitle", request.SignatoryTitle, MinutesSignature.NameMax, required: false);
        if (errors.Count > 0) return new Outcome<MinutesSignature>.Invalid(errors);

        var hash = minutes.ContentHash();
        var name = request.SignatoryName!.Trim();
        var earlier = await db.MinutesSignatures.FirstOrDefaultAsync(s => s.MinutesId == minutes.Id && s.MinutesVersion == minutes.Version
            && s.OwnerParty == viewer.Party && s.SignatoryName == name, ct);
        if (earlier is not null) return new Outcome<MinutesSignature>.Done(earlier);

        var signature = new MinutesSignature
        {
            OwnerParty = viewer.Party, OwnerAgencyId = viewer.AgencyId.Value, MinutesId = minutes.Id, MinutesOwner = minutes.OwnerParty,
            MinutesVersion = minutes.Version, ContentHash = hash, SignatoryName = name, SignatoryTitle = request.SignatoryTitle?.Trim() ?? "",
            SignedAt = clock.GetUtcNow(),
        };
        var others = minutes.Signers.Where(p => p != viewer.Party).ToList();
        signature.SetVisibility(others.Count > 0 ? Visibility.Partners : Visibility.Internal, others, []);
        db.MinutesSignatures.Add(signature);
        await db.SaveChangesAsync(ct);
        return new Outcome<MinutesSignature>.Done(signature, Created: true);
    }

    public static async Task<MinutesState> StateAsync(BorderlinkDb db, MeetingMinutes minutes, CancellationToken ct = default) =>
        MinutesState.Of(minutes, await db.MinutesSignatures.AsNoTracking().Where(s => s.MinutesId == minutes.Id).ToListAsync(ct));

    /// <summary>The text typed as two columns of paragraphs separated by blank lines, paired in order.</summary>
    public static List<Paragraph> Pair(string? columnA, string? columnB)
    {
        var a = Split(columnA);
        var b = Split(columnB);
        return Enumerable.Range(0, Math.Max(a.Count, b.Count)).Select(i => new Paragraph(a.ElementAtOrDefault(i) ?? "", b.ElementAtOrDefault(i) ?? "")).ToList();
    }

    private static List<string> Split(string? column) =>
        System.Text.RegularExpressions.Regex.Split((column ?? "").Replace("\r\n", "\n").Trim(), @"\n[ \t]*\n\s*")
            .Select(p => p.Trim()).Where(p => p.Length > 0).ToList();

    private static List<FieldError> Check(Request r)
    {
        var errors = new List<FieldError>();
        if (!Languages.IsSupported(r.LanguageA)) errors.Add(new("languageA", "Error.UnknownLanguage"));
        if (!Languages.IsSupported(r.LanguageB)) errors.Add(new("languageB", "Error.UnknownLanguage"));
        else if (Languages.Canonical(r.LanguageA) == Languages.Canonical(r.LanguageB)) errors.Add(new("languageB", "Minutes.SameLanguage"));
        FieldChecks.Text(errors, "titleA", r.TitleA, MeetingMinutes.TitleMax, required: true);
        FieldChecks.Text(errors, "titleB", r.TitleB, MeetingMinutes.TitleMax, required: true);
        var paragraphs = r.Paragraphs ?? [];
        if (paragraphs.Count == 0) errors.Add(new("paragraphs", "Error.Required"));
        if (paragraphs.Count > MeetingMinutes.ParagraphsMax) errors.Add(new("paragraphs", "Minutes.TooManyParagraphs", MeetingMinutes.ParagraphsMax));
        for (var i = 0; i < paragraphs.Count; i++)
        {
            var p = paragraphs[i];
            if (string.IsNullOrWhiteSpace(p.A) || string.IsNullOrWhiteSpace(p.B)) errors.Add(new("paragraphs", "Minutes.ParagraphMissing", i + 1));
            else if (p.A.Length > MeetingMinutes.ParagraphMax || p.B.Length > MeetingMinutes.ParagraphMax)
                errors.Add(new("paragraphs", "Minutes.ParagraphTooLong", i + 1, MeetingMinutes.ParagraphMax));
        }
        return errors;
    }

    private static void Apply(MeetingMinutes minutes, Request r)
    {
        minutes.LanguageA = Languages.Canonical(r.LanguageA)!;
        minutes.LanguageB = Languages.Canonical(r.LanguageB)!;
        minutes.TitleA = r.TitleA!.Trim();
        minutes.TitleB = r.TitleB!.Trim();
        minutes.Paragraphs = r.Paragraphs!.Select(p => new MinutesParagraph { A = p.A!.Trim(), B = p.B!.Trim() }).ToList();
    }

    private static async Task<Outcome<MeetingMinutes>> RefuseAsync(BorderlinkDb db, CoordinationRecord record, string what, CancellationToken ct)
    {
        db.Audit(Audit.AuditActions.Refused, Audit.AuditOutcomes.Denied, record, Audit.AuditDetail.MinutesNotAllowed());
        await db.SaveChangesAsync(ct);
        return new Outcome<MeetingMinutes>.Forbidden();
    }
}
