using Borderlink.Data;
using Borderlink.Features.Audit;
using Borderlink.Sharing;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Permits;

/// <summary>A quarantine authority of either side of the permit's gate approves or rejects the version it read.</summary>
public static class DecidePermit
{
    /// <summary>The agency functions that are quarantine authorities (port health quarantine sits with customs in China, with health in Viet Nam).</summary>
    public static readonly string[] QuarantineFunctions = ["health-quarantine", "customs", "health", "disease-control"];

    public sealed record Request(PermitDecision Decision, string? Note);

    public static async Task<Outcome<PermitApproval>> HandleAsync(BorderlinkDb db, Guid id, long version, Request r, CancellationToken ct = default)
    {
        if (await RecordLoader.LoadAsync<SpecialItemPermit>(db, id, RecordOperation.Read, ct) is not Outcome<SpecialItemPermit>.Done { Value: var permit })
            return new Outcome<PermitApproval>.NotFound();
        var viewer = db.Viewer;
        var sides = await PermitStates.SidesAsync(db, permit.GatePair, ct);
        if (viewer.Party is null || viewer.AgencyId is null || !sides.Contains(viewer.Party) || !viewer.IsOfficer
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
}
