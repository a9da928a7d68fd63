using Borderlink.Features.Alerts;
using Borderlink.Data;
using Borderlink.Features.Reference;
using Borderlink.Features.Accounts;
using Borderlink.Features.Audit;
using Borderlink.Sharing;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Quarantine;

/// <summary>What the quarantine use cases share: loading a stay with its facility, recounting occupancy and alerting at the alert level, a facility's checks.</summary>
public static class QuarantineRules
{
    internal static async Task<(QuarantineStay? Stay, QuarantineFacility? Facility, Outcome<QuarantineStay>? Refused)> LoadStayAsync(BorderlinkDb db, Guid stayId, CancellationToken ct)
    {
        var stay = await db.QuarantineStays.FirstOrDefaultAsync(s => s.Id == stayId, ct);
        if (stay is null) return (null, null, new Outcome<QuarantineStay>.NotFound());
        var loaded = await RecordLoader.LoadAsync<QuarantineFacility>(db, stay.FacilityId, RecordOperation.Edit, ct);
        return loaded is Outcome<QuarantineFacility>.Done { Value: var facility } ? (stay, facility, null) : (null, null, new Outcome<QuarantineStay>.Forbidden());
    }

    /// <summary>Occupancy from the stays themselves, then the alert if it has just reached the alert level.</summary>
    internal static async Task RecountAsync(BorderlinkDb db, TimeProvider clock, QuarantineFacility facility, CancellationToken ct)
    {
        var occupancy = await db.QuarantineStays.Where(s => s.FacilityId == facility.Id && s.EndedOn == null).SumAsync(s => s.People, ct);
        if (occupancy == facility.Occupancy && facility.NearCapacity == (facility.NearCapacitySince is not null)) return;
        facility.Occupancy = occupancy;
        await QuarantineRules.AlertIfNearCapacityAsync(db, clock, facility, ct);
        await db.SaveChangesAsync(ct);
    }

    internal static async Task AlertIfNearCapacityAsync(BorderlinkDb db, TimeProvider clock, QuarantineFacility facility, CancellationToken ct)
    {
        if (!facility.NearCapacity)
        {
            facility.NearCapacitySince = null;
            return;
        }
        if (facility.NearCapacitySince is not null) return;
        var now = clock.GetUtcNow();
        facility.NearCapacitySince = now;
        var coordinator = await db.Roles.Where(r => r.Name == Roles.Coordinator).Select(r => r.Id).FirstAsync(ct);
        var officers = await db.Roles.Where(r => r.Name == Roles.Officer || r.Name == Roles.Liaison).Select(r => r.Id).ToListAsync(ct);
        var people = await db.Users.AsNoTracking().Where(u => u.PartyCode == facility.OwnerParty
                && (db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == coordinator)
                    || (u.AgencyId == facility.OwnerAgencyId && db.UserRoles.Any(ur => ur.UserId == u.Id && officers.Contains(ur.RoleId)))))
            .Select(u => u.Id).ToListAsync(ct);
        foreach (var user in people)
        {
            db.Alerts.Add(new Alert
            {
                UserId = user, Kind = Alert.FacilityNearCapacity, RecordId = facility.Id, Title = facility.Name, Addressee = facility.OwnerParty, DueAt = now, CreatedAt = now,
            });
        }
        db.Audit(AuditActions.Escalated, AuditOutcomes.Ok, facility, AuditDetail.QuarantineOccupancy(facility.Occupancy, facility.Capacity, facility.AlertAtPercent));
    }

    internal static async Task<List<FieldError>> ApplyAsync(BorderlinkDb db, Gazetteer.GazetteerIndex gazetteer, QuarantineFacility facility, CreateFacility.Request r, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        FieldChecks.Text(errors, "name", r.Name, QuarantineFacility.NameMax, required: true);
        if (!Enum.IsDefined(r.Kind)) errors.Add(new("kind", "Error.UnknownKind"));
        if (r.Capacity is < 1 or > 1_000_000) errors.Add(new("capacity", "Error.CountRange", 1_000_000));
        if (r.AlertAtPercent is < 1 or > 100) errors.Add(new("alertAtPercent", "Error.Range", 1, 100));
        if (!Languages.IsSupported(r.Language)) errors.Add(new("language", "Error.UnknownLanguage"));
        var gate = string.IsNullOrWhiteSpace(r.GatePair) ? null : r.GatePair.Trim();
        if (gate is not null && !await db.GatePairs.OfParty(facility.OwnerParty).AnyAsync(g => g.Code == gate, ct))
            errors.Add(new("gatePair", "Error.UnknownGate", gate));
        var (place, asWritten) = await Gazetteer.ResolvePlace.FieldAsync(gazetteer, errors, "placeCode", r.PlaceCode, r.KeepPlaceAsWritten,
            Gazetteer.ResolvePlace.Kinds(), ct);
        if (errors.Count > 0) return errors;
        facility.Name = r.Name!.Trim();
        facility.Kind = r.Kind;
        facility.PlaceCode = place;
        facility.PlaceAsWritten = asWritten;
        facility.GatePair = gate;
        facility.Capacity = r.Capacity;
        facility.AlertAtPercent = r.AlertAtPercent;
        facility.Active = r.Active;
        facility.Language = Languages.Canonical(r.Language)!;
        return errors;
    }
}
