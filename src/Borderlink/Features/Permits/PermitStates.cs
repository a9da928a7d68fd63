using Borderlink.Data;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Permits;

/// <summary>Where permits stand: each side's decision on their current version.</summary>
public static class PermitStates
{
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
}
