using Borderlink.Data;
using Borderlink.Features.Gazetteer;
using Borderlink.Sharing;
using Borderlink.Web;

namespace Borderlink.Features.Quarantine;

/// <summary>An officer records a quarantine facility of the party (a hotel, a hospital, a camp), with its capacity and alert level.</summary>
public static class CreateFacility
{
    /// <param name="PlaceCode">Where it is: a code or a name in any language or spelling; one the gazetteer does not know is refused with the
    /// nearest names, or kept as written with <paramref name="KeepPlaceAsWritten"/>.</param>
    public sealed record Request(string? Name, FacilityKind Kind, string? PlaceCode, string? GatePair, int Capacity, int AlertAtPercent, bool Active, string? Language,
        bool KeepPlaceAsWritten = false);

    public static async Task<Outcome<QuarantineFacility>> HandleAsync(BorderlinkDb db, GazetteerIndex gazetteer, Request r, CancellationToken ct = default)
    {
        var viewer = db.Viewer;
        if (viewer.Party is null || viewer.AgencyId is null || !viewer.IsOfficer) return new Outcome<QuarantineFacility>.Forbidden();
        var facility = new QuarantineFacility { OwnerParty = viewer.Party, OwnerAgencyId = viewer.AgencyId.Value, Name = "", Language = "" };
        var errors = await QuarantineRules.ApplyAsync(db, gazetteer, facility, r, ct);
        if (errors.Count > 0) return new Outcome<QuarantineFacility>.Invalid(errors);
        db.QuarantineFacilities.Add(facility);
        await db.SaveChangesAsync(ct);
        return new Outcome<QuarantineFacility>.Done(facility, Created: true);
    }
}
