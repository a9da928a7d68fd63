using Borderlink.Data;
using Borderlink.Features.Audit;
using Borderlink.Features.Screening;
using Borderlink.Sharing;
using Borderlink.Web;

namespace Borderlink.Features.Quarantine;

/// <summary>A group of people begins a stay at a facility of the party; the facility's occupancy is recounted.</summary>
public static class AdmitToQuarantine
{
    public sealed record Request(Guid FacilityId, string? Label, int People, CrossingPurpose Purpose, string? Nationality, Guid? CrossingId, DateOnly? StartedOn,
        DateOnly? PlannedEnd);

    public static async Task<Outcome<QuarantineStay>> HandleAsync(BorderlinkDb db, TimeProvider clock, Request r, CancellationToken ct = default)
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
        await QuarantineRules.RecountAsync(db, clock, facility, ct);
        return new Outcome<QuarantineStay>.Done(stay, Created: true);
    }
}
