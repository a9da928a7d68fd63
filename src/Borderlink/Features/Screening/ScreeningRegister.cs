using Borderlink.Data;
using Borderlink.Features.Audit;
using Borderlink.Sharing;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Screening;

/// <summary>Quarantine staff record one crossing by hand; a liaison shares one record deliberately, saying why its personal data may cross.</summary>
public sealed class ScreeningRegister(BorderlinkDb db, TimeProvider clock, ScreeningSummaries summaries)
{
    public sealed record ShareRequest(IReadOnlyList<string>? Audience, string? Reason);

    public async Task<Outcome<CrossingRecord>> RecordAsync(string gateCode, CrossingLine line, CancellationToken ct = default)
    {
        var viewer = db.Viewer;
        var gate = await db.GatePairs.AsNoTracking().FirstOrDefaultAsync(g => g.Code == gateCode, ct);
        if (viewer.Party is null || !viewer.IsOfficer || gate is null || !gate.HasSide(viewer.Party)
            || (viewer.GateScope is { } scope && scope != gateCode))
        {
            db.Audit(AuditActions.Refused, AuditOutcomes.Denied, detail: AuditDetail.CrossingGateNotAllowed(gateCode));
            await db.SaveChangesAsync(ct);
            return new Outcome<CrossingRecord>.Forbidden();
        }
        if (string.IsNullOrWhiteSpace(line.Id)) line.Id = Guid.CreateVersion7().ToString();
        var zone = await TimeDisplay.OfPartyAsync(db, viewer.Party, ct);
        var record = line.Check(viewer.Party, gate.Code, at => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime), clock.GetUtcNow(), Guid.Empty, out var error);
        if (record is null) return new Outcome<CrossingRecord>.Invalid([error!]);
        if (record.PermitId is { } permit && await new Permits.PermitCheck(db).CheckAsync(permit, gate.Code, record.LocalDate, ct) is { } refused)
        {
            db.Audit(AuditActions.Refused, AuditOutcomes.Denied, detail: AuditDetail.CrossingPermitRefused(gate.Code, permit.ToString(), refused));
            await db.SaveChangesAsync(ct);
            return new Outcome<CrossingRecord>.Invalid([refused]);
        }
        var existing = await db.Crossings.AsNoTracking().FirstOrDefaultAsync(c => c.Id == record.Id, ct);
        if (existing is not null) return new Outcome<CrossingRecord>.Done(existing);
        db.Crossings.Add(record);
        db.Audit(AuditActions.Create, AuditOutcomes.Ok, detail: AuditDetail.CrossingRecorded(gate.Code), recordType: "crossing", recordId: record.Id);
        await db.SaveChangesAsync(ct);
        await summaries.RefreshAsync(viewer.Party, gate, [record.LocalDate], ct);
        return new Outcome<CrossingRecord>.Done(record, Created: true);
    }

    /// <summary>A copy of one record for the partner parties named, with the reason its personal data crosses (audited like any share).</summary>
    public async Task<Outcome<ScreeningExtract>> ShareAsync(Guid crossingId, ShareRequest r, CancellationToken ct = default)
    {
        var viewer = db.Viewer;
        var crossing = await db.Crossings.AsNoTracking().FirstOrDefaultAsync(c => c.Id == crossingId, ct);
        if (crossing is null) return new Outcome<ScreeningExtract>.NotFound();
        if (viewer.AgencyId is null || !viewer.IsLiaison)
        {
            db.Audit(AuditActions.Refused, AuditOutcomes.Denied, detail: AuditDetail.CrossingShareNotAllowed(), recordType: "crossing", recordId: crossingId);
            await db.SaveChangesAsync(ct);
            return new Outcome<ScreeningExtract>.Forbidden();
        }
        var audience = r.Audience ?? [];
        var errors = await VisibilityRules.ValidateAsync(db, crossing.Party, Visibility.Partners, audience, [], clock, ct);
        FieldChecks.Text(errors, "reason", r.Reason, 1000, required: true);
        if (errors.Count > 0) return new Outcome<ScreeningExtract>.Invalid(errors);
        var extract = new ScreeningExtract
        {
            OwnerParty = crossing.Party, OwnerAgencyId = viewer.AgencyId.Value, CrossingId = crossing.Id, GatePair = crossing.GatePair, OccurredAt = crossing.OccurredAt,
            Kind = crossing.Kind, Direction = crossing.Direction, Purpose = crossing.Purpose, Nationality = crossing.Nationality, TravellerName = crossing.TravellerName,
            DocumentNumber = crossing.DocumentNumber, TemperatureC = crossing.TemperatureC, Symptoms = crossing.Symptoms, Test = crossing.Test, Decision = crossing.Decision,
            VehiclePlate = crossing.VehiclePlate, Goods = crossing.Goods, PersonalDataSharedBecause = r.Reason!.Trim(),
        };
        extract.SetVisibility(Visibility.Partners, audience, []);
        db.ScreeningExtracts.Add(extract);
        await db.SaveChangesAsync(ct);
        return new Outcome<ScreeningExtract>.Done(extract, Created: true);
    }
}
