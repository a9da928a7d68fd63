using Borderlink.Features.Alerts;
using Borderlink.Data;
using Borderlink.Features.Reference;
using Borderlink.Features.Accounts;
using Borderlink.Features.Audit;
using Borderlink.Features.Screening;
using Borderlink.Sharing;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Quarantine;

/// <summary>
/// Quarantine facilities and the stays in them. Every admission, release or transfer recounts the facility's occupancy
/// from its stays; when it reaches the facility's alert level the party's coordinators and the facility's agency are
/// alerted once (again only after it has gone back under).
/// </summary>
public sealed class KeepQuarantine(BorderlinkDb db, TimeProvider clock)
{
    public sealed record FacilityRequest(string? Name, FacilityKind Kind, string? PlaceCode, string? GatePair, int Capacity, int AlertAtPercent, bool Active, string? Language);

    public sealed record StayRequest(Guid FacilityId, string? Label, int People, CrossingPurpose Purpose, string? Nationality, Guid? CrossingId, DateOnly? StartedOn,
        DateOnly? PlannedEnd);

    public sealed record TestRequest(DateOnly? On, TestOutcome Result);

    public sealed record EndRequest(DateOnly? EndedOn, StayOutcome Outcome, Guid? TransferTo = null);

    /// <summary>People in quarantine now, by why they crossed (the seeds' "5,000 experts"), and how many began their stay in the last 7 days.</summary>
    public sealed record PurposeCount(CrossingPurpose Purpose, int Now, int StartedLastWeek);

    public async Task<Outcome<QuarantineFacility>> CreateFacilityAsync(FacilityRequest r, CancellationToken ct = default)
    {
        var viewer = db.Viewer;
        if (viewer.Party is null || viewer.AgencyId is null || !Policies.OfficerRoles.Any(viewer.IsInRole)) return new Outcome<QuarantineFacility>.Forbidden();
        var facility = new QuarantineFacility { OwnerParty = viewer.Party, OwnerAgencyId = viewer.AgencyId.Value, Name = "", Language = "" };
        var errors = await ApplyAsync(facility, r, ct);
        if (errors.Count > 0) return new Outcome<QuarantineFacility>.Invalid(errors);
        db.QuarantineFacilities.Add(facility);
        await db.SaveChangesAsync(ct);
        return new Outcome<QuarantineFacility>.Done(facility, Created: true);
    }

    public async Task<Outcome<QuarantineFacility>> ChangeFacilityAsync(Guid id, long version, FacilityRequest r, CancellationToken ct = default)
    {
        var loaded = await RecordLoader.LoadForChangeAsync<QuarantineFacility>(db, id, RecordOperation.Edit, version, ct);
        if (loaded is not Outcome<QuarantineFacility>.Done { Value: var facility }) return loaded;
        var errors = await ApplyAsync(facility, r, ct);
        if (errors.Count > 0) return new Outcome<QuarantineFacility>.Invalid(errors);
        await AlertIfNearCapacityAsync(facility, ct);
        return await RecordLoader.SaveVersionedAsync(db, facility, version, ct);
    }

    public async Task<Outcome<QuarantineStay>> AdmitAsync(StayRequest r, CancellationToken ct = default)
    {
        var loaded = await RecordLoader.LoadAsync<QuarantineFacility>(db, r.FacilityId, RecordOperation.Edit, ct);
        if (loaded is not Outcome<QuarantineFacility>.Done { Value: var facility })
            return loaded is Outcome<QuarantineFacility>.Forbidden ? new Outcome<QuarantineStay>.Forbidden() : new Outcome<QuarantineStay>.NotFound();
        var errors = new List<FieldError>();
        FieldChecks.Text(errors, "label", r.Label, QuarantineStay.TextMax, required: true);
        if (r.People is < 1 or > 100_000) errors.Add(new("people", "Error.CountRange", 100_000));
        if (!Enum.IsDefined(r.Purpose)) errors.Add(new("purpose", "Error.UnknownKind"));
        var nationality = (r.Nationality ?? "").Trim().ToUpperInvariant();
        if (nationality.Length is not (0 or 2 or 3) || !nationality.All(char.IsAsciiLetterUpper)) errors.Add(new("nationality", "Ingest.BadValue", r.Nationality ?? ""));
        if (r.StartedOn is null) errors.Add(new("startedOn", "Error.Required"));
        if (r.PlannedEnd is null) errors.Add(new("plannedEnd", "Error.Required"));
        if (r.StartedOn is { } s && r.PlannedEnd is { } e && e < s) errors.Add(new("plannedEnd", "Error.EndBeforeStart"));
        if (!facility.Active) errors.Add(new("facilityId", "Quarantine.FacilityClosed"));
        if (errors.Count > 0) return new Outcome<QuarantineStay>.Invalid(errors);
        var stay = new QuarantineStay
        {
            Party = facility.OwnerParty, FacilityId = facility.Id, Label = r.Label!.Trim(), People = r.People, Purpose = r.Purpose, Nationality = nationality,
            CrossingId = r.CrossingId, StartedOn = r.StartedOn!.Value, PlannedEnd = r.PlannedEnd!.Value, RecordedAt = clock.GetUtcNow(), RecordedBy = db.Viewer.Name,
        };
        db.QuarantineStays.Add(stay);
        db.Audit(AuditActions.Create, AuditOutcomes.Ok, detail: AuditDetail.QuarantineStay(stay.People, facility.Name), recordType: "quarantine-stay", recordId: stay.Id);
        await db.SaveChangesAsync(ct);
        await RecountAsync(facility, ct);
        return new Outcome<QuarantineStay>.Done(stay, Created: true);
    }

    public async Task<Outcome<QuarantineStay>> AddTestAsync(Guid stayId, TestRequest r, CancellationToken ct = default)
    {
        var (stay, facility, refused) = await LoadStayAsync(stayId, ct);
        if (refused is not null) return refused;
        if (r.On is null) return new Outcome<QuarantineStay>.Invalid([new("on", "Error.Required")]);
        if (!Enum.IsDefined(r.Result)) return new Outcome<QuarantineStay>.Invalid([new("result", "Error.UnknownKind")]);
        stay!.Tests = [.. stay.Tests, new StayTest { On = r.On.Value, Result = r.Result }];
        await db.SaveChangesAsync(ct);
        return new Outcome<QuarantineStay>.Done(stay);
    }

    /// <summary>Ends a stay (release, hospital, or transfer to another facility of the party, which opens a stay there).</summary>
    public async Task<Outcome<QuarantineStay>> EndAsync(Guid stayId, EndRequest r, CancellationToken ct = default)
    {
        var (stay, facility, refused) = await LoadStayAsync(stayId, ct);
        if (refused is not null) return refused;
        var errors = new List<FieldError>();
        if (r.EndedOn is null) errors.Add(new("endedOn", "Error.Required"));
        else if (r.EndedOn < stay!.StartedOn) errors.Add(new("endedOn", "Error.EndBeforeStart"));
        if (!Enum.IsDefined(r.Outcome)) errors.Add(new("outcome", "Error.UnknownKind"));
        if (!stay!.Current) errors.Add(new("endedOn", "Quarantine.AlreadyEnded"));
        QuarantineFacility? target = null;
        if (r.Outcome == StayOutcome.Transferred)
        {
            target = r.TransferTo is { } to && to != facility!.Id
                ? (await RecordLoader.LoadAsync<QuarantineFacility>(db, to, RecordOperation.Edit, ct) as Outcome<QuarantineFacility>.Done)?.Value
                : null;
            if (target is null) errors.Add(new("transferTo", "Quarantine.TransferTarget"));
        }
        if (errors.Count > 0) return new Outcome<QuarantineStay>.Invalid(errors);
        stay.EndedOn = r.EndedOn;
        stay.Outcome = r.Outcome;
        if (target is not null)
        {
            db.QuarantineStays.Add(new QuarantineStay
            {
                Party = stay.Party, FacilityId = target.Id, Label = stay.Label, People = stay.People, Purpose = stay.Purpose, Nationality = stay.Nationality,
                CrossingId = stay.CrossingId, StartedOn = r.EndedOn!.Value, PlannedEnd = stay.PlannedEnd, Tests = stay.Tests, RecordedAt = clock.GetUtcNow(),
                RecordedBy = db.Viewer.Name,
            });
        }
        await db.SaveChangesAsync(ct);
        await RecountAsync(facility!, ct);
        if (target is not null) await RecountAsync(target, ct);
        return new Outcome<QuarantineStay>.Done(stay);
    }

    public async Task<List<PurposeCount>> ByPurposeAsync(CancellationToken ct = default)
    {
        var since = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(-7);
        var rows = await db.QuarantineStays.AsNoTracking()
            .GroupBy(s => s.Purpose)
            .Select(g => new
            {
                Purpose = g.Key,
                Now = g.Where(s => s.EndedOn == null).Sum(s => s.People),
                Started = g.Where(s => s.StartedOn >= since).Sum(s => s.People),
            })
            .ToListAsync(ct);
        return rows.Select(r => new PurposeCount(r.Purpose, r.Now, r.Started)).OrderByDescending(r => r.Now).ToList();
    }

    private async Task<(QuarantineStay? Stay, QuarantineFacility? Facility, Outcome<QuarantineStay>? Refused)> LoadStayAsync(Guid stayId, CancellationToken ct)
    {
        var stay = await db.QuarantineStays.FirstOrDefaultAsync(s => s.Id == stayId, ct);
        if (stay is null) return (null, null, new Outcome<QuarantineStay>.NotFound());
        var loaded = await RecordLoader.LoadAsync<QuarantineFacility>(db, stay.FacilityId, RecordOperation.Edit, ct);
        return loaded is Outcome<QuarantineFacility>.Done { Value: var facility } ? (stay, facility, null) : (null, null, new Outcome<QuarantineStay>.Forbidden());
    }

    /// <summary>Occupancy from the stays themselves, then the alert if it has just reached the alert level.</summary>
    private async Task RecountAsync(QuarantineFacility facility, CancellationToken ct)
    {
        var occupancy = await db.QuarantineStays.Where(s => s.FacilityId == facility.Id && s.EndedOn == null).SumAsync(s => s.People, ct);
        if (occupancy == facility.Occupancy && facility.NearCapacity == (facility.NearCapacitySince is not null)) return;
        facility.Occupancy = occupancy;
        await AlertIfNearCapacityAsync(facility, ct);
        await db.SaveChangesAsync(ct);
    }

    private async Task AlertIfNearCapacityAsync(QuarantineFacility facility, CancellationToken ct)
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

    private async Task<List<FieldError>> ApplyAsync(QuarantineFacility facility, FacilityRequest r, CancellationToken ct)
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
        var place = string.IsNullOrWhiteSpace(r.PlaceCode) ? null : r.PlaceCode.Trim();
        if (place is not null && !await db.Places.AnyAsync(p => p.Code == place, ct)) errors.Add(new("placeCode", "Error.UnknownPlace", place));
        if (errors.Count > 0) return errors;
        facility.Name = r.Name!.Trim();
        facility.Kind = r.Kind;
        facility.PlaceCode = place;
        facility.GatePair = gate;
        facility.Capacity = r.Capacity;
        facility.AlertAtPercent = r.AlertAtPercent;
        facility.Active = r.Active;
        facility.Language = Languages.Canonical(r.Language)!;
        return errors;
    }
}
