using Borderlink.Data;
using Borderlink.Features.Screening;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Quarantine;

/// <summary>How many people are in quarantine, by why they crossed.</summary>
public static class QuarantineCounts
{
    /// <summary>People in quarantine now, by why they crossed (the seeds' "5,000 experts"), and how many began their stay in the last 7 days.</summary>
    public sealed record PurposeCount(CrossingPurpose Purpose, int Now, int StartedLastWeek);

    public static async Task<List<PurposeCount>> ByPurposeAsync(BorderlinkDb db, TimeProvider clock, CancellationToken ct = default)
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
}
