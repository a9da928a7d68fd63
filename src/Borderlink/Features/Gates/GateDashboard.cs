using Borderlink.Data;
using Borderlink.Features.Screening;
using Borderlink.Features.Traffic;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Gates;

/// <summary>One gate pair at a glance for the reader: each side's status and today's figures, congestion, quarantine occupancy, positives.</summary>
public sealed record GateGlance(GatePairStatus Status, IReadOnlyList<GateTraffic> Today, IReadOnlyList<ScreeningSummary> Screening, int QuarantineOccupancy,
    int QuarantineCapacity)
{
    public bool Congested => Today.Any(t => t.Congested);
    public int Positives => Screening.Sum(s => s.Count("test", nameof(TestOutcome.Positive)));
    /// <summary>The side's people in today, or null when it has recorded no figures today (not 0 people).</summary>
    public int? PeopleIn(string party) => DayOf(party)?.PeopleIn;
    /// <summary>The side's trucks waiting today, or null when it has recorded no figures today (not 0 trucks).</summary>
    public int? TrucksWaiting(string party) => DayOf(party)?.TrucksWaiting;
    private GateTraffic? DayOf(string party) => Today.FirstOrDefault(t => t.OwnerParty == party && t.Hour == null);
}

/// <summary>
/// The whole border, or one gate pair, from aggregates only — status changes, daily traffic, daily screening counts,
/// facility occupancy — so it stays fast however many crossings are stored. Recent positive screenings come from the
/// reader's own party's records through a partial index on positives.
/// </summary>
public static class GateDashboard
{
    /// <summary>Each side's figures are "today" in that side's own calendar (at 00:30 in Nanning it is still yesterday in Lang Son).</summary>
    public static async Task<List<GateGlance>> ForAsync(BorderlinkDb db, TimeProvider clock, string? gate = null, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var statuses = await GateQueries.AllAsync(db, now, gate, ct);
        var todayOf = await Measures.MeasureRules.TodayByPartyAsync(db, clock, ct);
        var since = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-1);
        var traffic = (await db.GateTraffic.AsNoTracking().Where(t => t.Date >= since && (gate == null || t.GatePair == gate)).ToListAsync(ct))
            .Where(t => t.Date == todayOf(t.OwnerParty)).ToList();
        var screening = (await db.ScreeningSummaries.AsNoTracking().Where(s => s.Date >= since && (gate == null || s.GatePair == gate)).ToListAsync(ct))
            .Where(s => s.Date == todayOf(s.OwnerParty)).ToList();
        var facilities = await db.QuarantineFacilities.AsNoTracking().Where(f => f.GatePair != null && f.Active && (gate == null || f.GatePair == gate)).ToListAsync(ct);
        return statuses.Select(s => new GateGlance(s,
                traffic.Where(t => t.GatePair == s.Pair.Code).ToList(),
                screening.Where(x => x.GatePair == s.Pair.Code).ToList(),
                facilities.Where(f => f.GatePair == s.Pair.Code).Sum(f => f.Occupancy),
                facilities.Where(f => f.GatePair == s.Pair.Code).Sum(f => f.Capacity)))
            .ToList();
    }

    /// <summary>The reader's party's latest positive screenings (its own records only).</summary>
    public static Task<List<CrossingRecord>> RecentPositivesAsync(BorderlinkDb db, DateOnly today, string? gate = null, int take = 20, CancellationToken ct = default)
    {
        var since = today.AddDays(-7);
        var party = db.Viewer.Party;
        return db.Crossings.AsNoTracking()
            .Where(c => c.Party == party && c.Test == TestOutcome.Positive && c.LocalDate >= since && (gate == null || c.GatePair == gate))
            .OrderByDescending(c => c.OccurredAt).Take(take).ToListAsync(ct);
    }
}
