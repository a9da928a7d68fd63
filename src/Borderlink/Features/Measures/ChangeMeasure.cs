using Borderlink.Data;
using Borderlink.Sharing;
using Borderlink.Web;

namespace Borderlink.Features.Measures;

/// <summary>The owner party's officers change a measure it took on.</summary>
public static class ChangeMeasure
{
    /// <summary>The owner changes what, when or which agency; a partner is refused (and it is audited).</summary>
    public static async Task<Outcome<AgreedMeasure>> HandleAsync(BorderlinkDb db, Guid id, long version, CreateMeasure.Request r, CancellationToken ct = default)
    {
        var loaded = await RecordLoader.LoadForChangeAsync<AgreedMeasure>(db, id, RecordOperation.Edit, version, ct);
        if (loaded is not Outcome<AgreedMeasure>.Done { Value: var measure }) return loaded;
        var errors = await MeasureRules.CheckAsync(db, r, ct);
        if (errors.Count > 0) return new Outcome<AgreedMeasure>.Invalid(errors);
        measure.What = r.What!.Trim();
        measure.Language = Languages.Canonical(r.Language)!;
        measure.DueOn = r.DueOn!.Value;
        measure.OwnerAgencyId = r.AgencyId ?? measure.OwnerAgencyId;
        return await RecordLoader.SaveVersionedAsync(db, measure, version, ct);
    }
}
