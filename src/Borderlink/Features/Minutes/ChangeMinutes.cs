using Borderlink.Data;
using Borderlink.Sharing;
using Borderlink.Web;

namespace Borderlink.Features.Minutes;

/// <summary>The host party's liaison changes the minutes until every party has signed; after the last signature a change is refused and made as an amendment.</summary>
public static class ChangeMinutes
{
    /// <summary>Changes the text while some party has not signed it; signed minutes answer Conflict ("minutes-locked").</summary>
    public static async Task<Outcome<MeetingMinutes>> HandleAsync(BorderlinkDb db, Guid id, long version, CreateMinutes.Request request, CancellationToken ct = default)
    {
        var loaded = await RecordLoader.LoadForChangeAsync<MeetingMinutes>(db, id, RecordOperation.Edit, version, ct);
        if (loaded is not Outcome<MeetingMinutes>.Done { Value: var minutes }) return loaded;
        if (!db.Viewer.IsLiaison) return await MinutesRules.RefuseAsync(db, minutes, "change minutes", ct);
        if ((await MinutesRules.StateAsync(db, minutes, ct)).Locked)
        {
            db.Audit(Audit.AuditActions.Refused, Audit.AuditOutcomes.Denied, minutes, Audit.AuditDetail.MinutesLocked());
            await db.SaveChangesAsync(ct);
            return new Outcome<MeetingMinutes>.Conflict("minutes-locked", "Minutes.LockedChange");
        }
        var errors = MinutesRules.Check(request);
        if (errors.Count > 0) return new Outcome<MeetingMinutes>.Invalid(errors);
        MinutesRules.Apply(minutes, request);
        return await RecordLoader.SaveVersionedAsync(db, minutes, version, ct);
    }
}
