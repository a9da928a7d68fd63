using Borderlink.Data;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Reference;

/// <summary>The mechanism's partners of a party: the other side of each of its partnerships, if that party is current.</summary>
public static class PartnerParties
{
    public static async Task<List<string>> OfAsync(BorderlinkDb db, TimeProvider clock, string party, CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var codes = await db.Partnerships.AsNoTracking().Where(p => p.PartyA == party || p.PartyB == party)
            .Select(p => p.PartyA == party ? p.PartyB : p.PartyA).ToListAsync(ct);
        var parties = await db.Parties.AsNoTracking().Where(p => codes.Contains(p.Code)).ToListAsync(ct);
        return parties.Where(p => p.IsCurrent(today)).Select(p => p.Code).Order(StringComparer.Ordinal).ToList();
    }
}
