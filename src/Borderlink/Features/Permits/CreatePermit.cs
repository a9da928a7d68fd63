using Borderlink.Data;
using Borderlink.Web;

namespace Borderlink.Features.Permits;

/// <summary>An officer of a gate's side issues a special-item permit; the other side's quarantine authority sees it to decide on it.</summary>
public static class CreatePermit
{
    public sealed record Request(string? GatePair, string? Applicant, string? Consignee, SpecialItemCategory Category, string? Item, double Quantity, string? Unit,
        PackagingClass Packaging, bool TowardsChina, DateOnly? ValidFrom, DateOnly? ValidTo, string? Language);

    public static async Task<Outcome<SpecialItemPermit>> HandleAsync(BorderlinkDb db, Request r, CancellationToken ct = default)
    {
        var viewer = db.Viewer;
        if (viewer.Party is null || viewer.AgencyId is null || !viewer.IsOfficer) return new Outcome<SpecialItemPermit>.Forbidden();
        var permit = new SpecialItemPermit { OwnerParty = viewer.Party, OwnerAgencyId = viewer.AgencyId.Value, GatePair = "", Applicant = "", Item = "", Language = "" };
        var errors = await PermitRules.ApplyAsync(db, permit, r, ct);
        if (errors.Count > 0) return new Outcome<SpecialItemPermit>.Invalid(errors);
        db.SpecialItemPermits.Add(permit);
        await db.SaveChangesAsync(ct);
        return new Outcome<SpecialItemPermit>.Done(permit, Created: true);
    }
}
