using Borderlink.Data;
using Borderlink.Sharing;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Gates;

/// <summary>
/// An officer of one side of a gate pair records a change of one flow at its own gate. It is published at once to the
/// party on the other side (the point of recording it), and kept for good: corrections are further changes.
/// </summary>
public static class ChangeGateStatus
{
    /// <summary>Flow and state are required: a change that says neither is refused, not recorded as "people: open".</summary>
    public sealed record Request(GateFlow? Flow, GateState? State, DateTimeOffset? EffectiveFrom = null, string? Hours = null, string? Conditions = null,
        string? Reason = null, string? Language = null);

    public static readonly TimeSpan LongestBackdating = TimeSpan.FromDays(7);
    public static readonly TimeSpan LongestNotice = TimeSpan.FromDays(365);

    public static async Task<Outcome<GateStatusChange>> HandleAsync(BorderlinkDb db, TimeProvider clock, string gatePairCode, Request request, CancellationToken ct = default)
    {
        var viewer = db.Viewer;
        var pair = await db.GatePairs.AsNoTracking().FirstOrDefaultAsync(g => g.Code == gatePairCode, ct);
        if (pair is null) return new Outcome<GateStatusChange>.NotFound();
        if (viewer.Party is null || viewer.AgencyId is null || !viewer.IsOfficer || (viewer.Party != pair.VnParty && viewer.Party != pair.CnParty))
        {
            db.Audit(Audit.AuditActions.Refused, Audit.AuditOutcomes.Denied, recordType: GateStatusChange.TypeName, detail: Audit.AuditDetail.GateNotOfficer(pair.Code));
            await db.SaveChangesAsync(ct);
            return new Outcome<GateStatusChange>.Forbidden();
        }
        var now = clock.GetUtcNow();
        var effective = (request.EffectiveFrom ?? now).ToUniversalTime();
        var errors = new List<FieldError>();
        if (request.Flow is not { } flow) errors.Add(new("flow", "Error.Required"));
        else if (!Enum.IsDefined(flow)) errors.Add(new("flow", "Error.UnknownFlow"));
        if (request.State is not { } state) errors.Add(new("state", "Error.Required"));
        else if (!Enum.IsDefined(state)) errors.Add(new("state", "Error.UnknownState"));
        if (effective < now - LongestBackdating) errors.Add(new("effectiveFrom", "Error.TooFarBack", LongestBackdating.Days));
        if (effective > now + LongestNotice) errors.Add(new("effectiveFrom", "Error.TooFarAhead", LongestNotice.Days));
        if (request.Hours?.Length > GateStatusChange.HoursMax) errors.Add(new("hours", "Error.TooLong", GateStatusChange.HoursMax));
        if (request.Conditions?.Length > GateStatusChange.TextMax) errors.Add(new("conditions", "Error.TooLong", GateStatusChange.TextMax));
        if (request.Reason?.Length > GateStatusChange.TextMax) errors.Add(new("reason", "Error.TooLong", GateStatusChange.TextMax));
        if (request.State != GateState.Open && string.IsNullOrWhiteSpace(request.Reason)) errors.Add(new("reason", "Error.Required"));
        var language = Languages.Canonical(request.Language) ?? Languages.Canonical(System.Globalization.CultureInfo.CurrentUICulture.Name) ?? "en";
        if (errors.Count > 0) return new Outcome<GateStatusChange>.Invalid(errors);

        var change = new GateStatusChange
        {
            OwnerParty = viewer.Party, OwnerAgencyId = viewer.AgencyId.Value, GatePair = pair.Code, Flow = request.Flow!.Value, State = request.State!.Value,
            EffectiveFrom = effective, Hours = string.IsNullOrWhiteSpace(request.Hours) ? null : request.Hours.Trim(),
            Conditions = request.Conditions?.Trim() ?? "", Reason = request.Reason?.Trim() ?? "", Language = language,
        };
        change.SetVisibility(Visibility.Partners, [viewer.Party == pair.VnParty ? pair.CnParty : pair.VnParty], []);
        db.GateStatusChanges.Add(change);
        await db.SaveChangesAsync(ct);
        return new Outcome<GateStatusChange>.Done(change, Created: true);
    }
}
