using Borderlink.Data;
using Borderlink.Sharing;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Minutes;

/// <summary>A liaison of a signing party records one of its signatories on the current text, once the meeting has begun.</summary>
public static class SignMinutes
{
    public sealed record Request(string? SignatoryName, string? SignatoryTitle);

    /// <summary>Minutes record what a meeting agreed: they are signed once it has begun, not before (a meeting not seen does not hold them up).</summary>
    public static bool MeetingHeld(DateTimeOffset? startsAt, DateTimeOffset now) => startsAt is not { } starts || starts <= now;

    private static async Task<bool> MeetingHeldAsync(BorderlinkDb db, TimeProvider clock, MeetingMinutes minutes, CancellationToken ct) =>
        MeetingHeld(await db.Meetings.AsNoTracking().Where(m => m.Id == minutes.MeetingId).Select(m => (DateTimeOffset?)m.StartsAt).FirstOrDefaultAsync(ct), clock.GetUtcNow());

    /// <summary>Records a signatory on the current text (the same name twice is one signature).</summary>
    public static async Task<Outcome<MinutesSignature>> HandleAsync(BorderlinkDb db, TimeProvider clock, Guid id, long version, Request request, CancellationToken ct = default)
    {
        var loaded = await RecordLoader.LoadAsync<MeetingMinutes>(db, id, RecordOperation.Read, ct);
        if (loaded is not Outcome<MeetingMinutes>.Done { Value: var minutes }) return new Outcome<MinutesSignature>.NotFound();
        var viewer = db.Viewer;
        if (viewer.Party is null || viewer.AgencyId is null || !viewer.IsLiaison || !minutes.Signers.Contains(viewer.Party))
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
}
