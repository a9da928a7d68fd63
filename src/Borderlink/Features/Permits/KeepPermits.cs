using Borderlink.Data;
using Borderlink.Features.Audit;
using Borderlink.Sharing;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Permits;

/// <summary>Issuing special-item permits, the two sides' quarantine decisions on them, and the check a crossing passes when recorded against one.</summary>
public static class KeepPermits
{
    /// <summary>The agency functions that are quarantine authorities (port health quarantine sits with customs in China, with health in Viet Nam).</summary>
    public static readonly string[] QuarantineFunctions = ["health-quarantine", "customs", "health", "disease-control"];

    public sealed record Request(string? GatePair, string? Applicant, string? Consignee, SpecialItemCategory Category, string? Item, double Quantity, string? Unit,
        PackagingClass Packaging, bool TowardsChina, DateOnly? ValidFrom, DateOnly? ValidTo, string? Language);

    public sealed record DecisionRequest(PermitDecision Decision, string? Note);

    public static async Task<Outcome<SpecialItemPermit>> CreateAsync(BorderlinkDb db, Request r, CancellationToken ct = default)
    {
        var viewer = db.Viewer;
        if (viewer.Party is null || viewer.AgencyId is null || !Policies.OfficerRoles.Any(viewer.IsInRole)) return new Outcome<SpecialItemPermit>.Forbidden();
        var permit = new SpecialItemPermit { OwnerParty = viewer.Party, OwnerAgencyId = viewer.AgencyId.Value, GatePair = "", Applicant = "", Item = "", Language = "" };
        var errors = await ApplyAsync(db, permit, r, ct);
        if (errors.Count > 0) return new Outcome<SpecialItemPermit>.Invalid(errors);
        db.SpecialItemPermits.Add(permit);
        await db.SaveChangesAsync(ct);
        return new Outcome<SpecialItemPermit>.Done(permit, Created: true);
    }

    /// <summary>A change makes a new version: both sides decide on it again.</summary>
    public static async Task<Outcome<SpecialItemPermit>> ChangeAsync(BorderlinkDb db, Guid id, long version, Request r, CancellationToken ct = default)
    {
        var loaded = await RecordLoader.LoadForChangeAsync<SpecialItemPermit>(db, id, RecordOperation.Edit, version, ct);
        if (loaded is not Outcome<SpecialItemPermit>.Done { Value: var permit }) return loaded;
        var errors = await ApplyAsync(db, permit, r, ct);
        if (errors.Count > 0) return new Outcome<SpecialItemPermit>.Invalid(errors);
        return await RecordLoader.SaveVersionedAsync(db, permit, version, ct);
    }

    /// <summary>A quarantine authority of either side decides on the version it read.</summary>
    public static async Task<Outcome<PermitApproval>> DecideAsync(BorderlinkDb db, Guid id, long version, DecisionRequest r, CancellationToken ct = default)
    {
        if (await RecordLoader.LoadAsync<SpecialItemPermit>(db, id, RecordOperation.Read, ct) is not Outcome<SpecialItemPermit>.Done { Value: var permit })
            return new Outcome<PermitApproval>.NotFound();
        var viewer = db.Viewer;
        var sides = await SidesAsync(db, permit.GatePair, ct);
        if (viewer.Party is null || viewer.AgencyId is null || !sides.Contains(viewer.Party) || !Policies.OfficerRoles.Any(viewer.IsInRole)
            || !QuarantineFunctions.Contains(viewer.Function))
        {
            db.Audit(AuditActions.Refused, AuditOutcomes.Denied, permit, AuditDetail.PermitDecisionNotAllowed());
            await db.SaveChangesAsync(ct);
            return new Outcome<PermitApproval>.Forbidden();
        }
        if (permit.Version != version) return new Outcome<PermitApproval>.Stale(permit.Version);
        var errors = new List<FieldError>();
        if (!Enum.IsDefined(r.Decision)) errors.Add(new("decision", "Error.UnknownKind"));
        FieldChecks.Text(errors, "note", r.Note, SpecialItemPermit.TextMax, required: r.Decision == PermitDecision.Rejected);
        if (errors.Count > 0) return new Outcome<PermitApproval>.Invalid(errors);
        var approval = await db.PermitApprovals.FirstOrDefaultAsync(a => a.PermitId == id && a.PermitVersion == version && a.OwnerParty == viewer.Party && a.OriginNode == null, ct);
        var created = approval is null;
        approval ??= db.PermitApprovals.Add(new PermitApproval { OwnerParty = viewer.Party, OwnerAgencyId = viewer.AgencyId.Value, PermitId = id, PermitVersion = version }).Entity;
        approval.Decision = r.Decision;
        approval.Note = r.Note?.Trim() ?? "";
        approval.DecidedBy = viewer.Name;
        var others = sides.Where(s => s != viewer.Party).ToList();
        approval.SetVisibility(others.Count > 0 ? Visibility.Partners : Visibility.Internal, others, []);
        await db.SaveChangesAsync(ct);
        return new Outcome<PermitApproval>.Done(approval, created);
    }

    /// <summary>Several permits with their states, in two queries.</summary>
    public static async Task<List<(SpecialItemPermit Permit, PermitState State)>> WithStatesAsync(BorderlinkDb db, List<SpecialItemPermit> permits, CancellationToken ct = default)
    {
        var ids = permits.Select(p => p.Id).ToList();
        var approvals = await db.PermitApprovals.AsNoTracking().Where(a => ids.Contains(a.PermitId)).ToListAsync(ct);
        var sides = await db.GatePairs.AsNoTracking().ToDictionaryAsync(g => g.Code, g => new[] { g.VnParty, g.CnParty }, ct);
        return permits.Select(p => (p, PermitState.Of(p, sides.GetValueOrDefault(p.GatePair) ?? [], approvals))).ToList();
    }

    public static async Task<PermitState> StateAsync(BorderlinkDb db, SpecialItemPermit permit, CancellationToken ct = default) =>
        PermitState.Of(permit, await SidesAsync(db, permit.GatePair, ct), await db.PermitApprovals.AsNoTracking().Where(a => a.PermitId == permit.Id).ToListAsync(ct));

    public static async Task<string[]> SidesAsync(BorderlinkDb db, string gate, CancellationToken ct) =>
        await db.GatePairs.AsNoTracking().Where(g => g.Code == gate).Select(g => new[] { g.VnParty, g.CnParty }).FirstOrDefaultAsync(ct) ?? [];

    private static async Task<List<FieldError>> ApplyAsync(BorderlinkDb db, SpecialItemPermit permit, Request r, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var gate = await db.GatePairs.AsNoTracking().FirstOrDefaultAsync(g => g.Code == r.GatePair, ct);
        if (gate is null || !gate.HasSide(permit.OwnerParty)) errors.Add(new("gatePair", "Error.UnknownGate", r.GatePair ?? ""));
        FieldChecks.Text(errors, "applicant", r.Applicant, SpecialItemPermit.TextMax, required: true);
        FieldChecks.Text(errors, "consignee", r.Consignee, SpecialItemPermit.TextMax, required: false);
        FieldChecks.Text(errors, "item", r.Item, SpecialItemPermit.TextMax, required: true);
        FieldChecks.Text(errors, "unit", r.Unit, 40, required: false);
        if (!Enum.IsDefined(r.Category)) errors.Add(new("category", "Error.UnknownKind"));
        if (!Enum.IsDefined(r.Packaging)) errors.Add(new("packaging", "Error.UnknownKind"));
        if (r.Quantity is <= 0 or > 1_000_000) errors.Add(new("quantity", "Permits.BadQuantity"));
        if (r.ValidFrom is null) errors.Add(new("validFrom", "Error.Required"));
        if (r.ValidTo is null) errors.Add(new("validTo", "Error.Required"));
        if (r.ValidFrom is { } from && r.ValidTo is { } to && to < from) errors.Add(new("validTo", "Error.EndBeforeStart"));
        if (!Languages.IsSupported(r.Language)) errors.Add(new("language", "Error.UnknownLanguage"));
        if (errors.Count > 0) return errors;
        permit.GatePair = gate!.Code;
        permit.Applicant = r.Applicant!.Trim();
        permit.Consignee = r.Consignee?.Trim() ?? "";
        permit.Category = r.Category;
        permit.Item = r.Item!.Trim();
        permit.Quantity = r.Quantity;
        permit.Unit = r.Unit?.Trim() ?? "";
        permit.Packaging = r.Packaging;
        permit.TowardsChina = r.TowardsChina;
        permit.ValidFrom = r.ValidFrom!.Value;
        permit.ValidTo = r.ValidTo!.Value;
        permit.Language = Languages.Canonical(r.Language)!;
        permit.SetVisibility(Visibility.Partners, [gate.Across(permit.OwnerParty)], []);
        return errors;
    }
}

/// <summary>
/// The check a crossing recorded against a permit passes, at recording time: the permit exists for the recording party,
/// is for this gate, was approved by both sides in its current version, and the crossing falls within its validity
/// (in the recording party's calendar). Permits are read once per batch.
/// </summary>
public sealed class PermitCheck(BorderlinkDb db)
{
    private readonly Dictionary<Guid, (SpecialItemPermit? Permit, PermitState? State)> _seen = [];

    public async Task<FieldError?> CheckAsync(Guid permitId, string gate, DateOnly day, CancellationToken ct)
    {
        if (!_seen.TryGetValue(permitId, out var entry))
        {
            var permit = await db.SpecialItemPermits.AsNoTracking().FirstOrDefaultAsync(p => p.Id == permitId, ct);
            entry = (permit, permit is null ? null : await KeepPermits.StateAsync(db, permit, ct));
            _seen[permitId] = entry;
        }
        var (p, state) = entry;
        if (p is null) return new FieldError("permitId", "Permits.Unknown", permitId);
        if (p.GatePair != gate) return new FieldError("permitId", "Permits.OtherGate", p.GatePair);
        if (state!.RejectedBy is { } rejectedBy) return new FieldError("permitId", "Permits.RejectedBy", await NamesAsync([rejectedBy], ct));
        if (state.AwaitingParties.Count > 0) return new FieldError("permitId", "Permits.NotApproved", await NamesAsync(state.AwaitingParties, ct));
        if (day > p.ValidTo) return new FieldError("permitId", "Permits.Expired", p.ValidTo.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        if (day < p.ValidFrom) return new FieldError("permitId", "Permits.NotYetValid", p.ValidFrom.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        return null;
    }

    /// <summary>Parties as the reader's language names them.</summary>
    private async Task<string> NamesAsync(IReadOnlyList<string> codes, CancellationToken ct) =>
        string.Join(", ", (await db.Parties.AsNoTracking().Where(p => codes.Contains(p.Code)).ToListAsync(ct)).Select(p => Reference.NamedExtensions.Name(p)));
}
