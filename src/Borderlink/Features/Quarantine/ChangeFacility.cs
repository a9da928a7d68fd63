using Borderlink.Data;
using Borderlink.Features.Gazetteer;
using Borderlink.Sharing;
using Borderlink.Web;

namespace Borderlink.Features.Quarantine;

/// <summary>The owner changes a facility; reaching its alert level by a smaller capacity alerts as an admission would.</summary>
public static class ChangeFacility
{
    public static async Task<Outcome<QuarantineFacility>> HandleAsync(BorderlinkDb db, GazetteerIndex gazetteer, TimeProvider clock, Guid id, long version, CreateFacility.Request r, CancellationToken ct = default)
    {
        var loaded = await RecordLoader.LoadForChangeAsync<QuarantineFacility>(db, id, RecordOperation.Edit, version, ct);
        if (loaded is not Outcome<QuarantineFacility>.Done { Value: var facility }) return loaded;
        var errors = await QuarantineRules.ApplyAsync(db, gazetteer, facility, r, ct);
        if (errors.Count > 0) return new Outcome<QuarantineFacility>.Invalid(errors);
        await QuarantineRules.AlertIfNearCapacityAsync(db, clock, facility, ct);
        return await RecordLoader.SaveVersionedAsync(db, facility, version, ct);
    }
}
