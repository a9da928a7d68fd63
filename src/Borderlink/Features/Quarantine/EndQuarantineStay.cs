using Borderlink.Data;
using Borderlink.Sharing;
using Borderlink.Web;

namespace Borderlink.Features.Quarantine;

/// <summary>A stay ends: release, hospital, or transfer to another facility of the party, which opens a stay there.</summary>
public static class EndQuarantineStay
{
    public sealed record Request(DateOnly? EndedOn, StayOutcome Outcome, Guid? TransferTo = null);

    /// <summary>Ends a stay (release, hospital, or transfer to another facility of the party, which opens a stay there).</summary>
    public static async Task<Outcome<QuarantineStay>> HandleAsync(BorderlinkDb db, TimeProvider clock, Guid stayId, Request r, CancellationToken ct = default)
    {
        var (stay, facility, refused) = await QuarantineRules.LoadStayAsync(db, stayId, ct);
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
        await QuarantineRules.RecountAsync(db, clock, facility!, ct);
        if (target is not null) await QuarantineRules.RecountAsync(db, clock, target, ct);
        return new Outcome<QuarantineStay>.Done(stay);
    }
}
