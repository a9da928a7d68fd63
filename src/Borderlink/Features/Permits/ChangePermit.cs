using Borderlink.Data;
using Borderlink.Sharing;
using Borderlink.Web;

namespace Borderlink.Features.Permits;

/// <summary>The issuing side changes a permit.</summary>
public static class ChangePermit
{
    /// <summary>A change makes a new version: both sides decide on it again.</summary>
    public static async Task<Outcome<SpecialItemPermit>> HandleAsync(BorderlinkDb db, Guid id, long version, CreatePermit.Request r, CancellationToken ct = default)
    {
        var loaded = await RecordLoader.LoadForChangeAsync<SpecialItemPermit>(db, id, RecordOperation.Edit, version, ct);
        if (loaded is not Outcome<SpecialItemPermit>.Done { Value: var permit }) return loaded;
        var errors = await PermitRules.ApplyAsync(db, permit, r, ct);
        if (errors.Count > 0) return new Outcome<SpecialItemPermit>.Invalid(errors);
        return await RecordLoader.SaveVersionedAsync(db, permit, version, ct);
    }
}
