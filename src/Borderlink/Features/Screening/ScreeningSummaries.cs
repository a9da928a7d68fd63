using Borderlink.Data;
using Borderlink.Features.Reference;
using Borderlink.Sharing;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Screening;

/// <summary>Keeps each party's daily screening counts per gate in step with its records, and publishes them to the party across the gate.</summary>
public sealed class ScreeningSummaries(BorderlinkDb db)
{
    public async Task RefreshAsync(string party, GatePair gate, IEnumerable<DateOnly> days, CancellationToken ct)
    {
        await PrepareAsync(party, gate, days, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The counts of <paramref name="days"/> computed and staged, to be written with the caller's next save.</summary>
    public async Task PrepareAsync(string party, GatePair gate, IEnumerable<DateOnly> days, CancellationToken ct)
    {
        var partner = gate.Across(party);
        foreach (var day in days.Order())
        {
            var groups = await db.Crossings.AsNoTracking().Where(c => c.Party == party && c.GatePair == gate.Code && c.LocalDate == day)
                .GroupBy(c => new { c.Kind, c.Direction, c.Purpose, c.Decision, c.Test, c.Symptoms, c.Disinfected, c.Sampled })
                .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
            var counts = new Dictionary<(string, string), int>();
            void Add(string dimension, string key, int n) => counts[(dimension, key)] = counts.GetValueOrDefault((dimension, key)) + n;
            foreach (var g in groups)
            {
                var k = g.Key;
                Add("crossings", $"{k.Kind}.{k.Direction}", g.Count);
                Add($"{k.Kind}.decision", k.Decision.ToString(), g.Count);
                if (k.Kind == CrossingKind.Traveller)
                {
                    Add("purpose", k.Purpose.ToString(), g.Count);
                    Add("test", k.Test.ToString(), g.Count);
                    if (k.Symptoms) Add("symptoms", "yes", g.Count);
                }
                if (k.Kind == CrossingKind.Vehicle && k.Disinfected) Add("vehicles", "disinfected", g.Count);
                if (k.Kind == CrossingKind.Consignment && k.Sampled) Add("consignments", "sampled", g.Count);
            }
            var list = counts.OrderBy(c => c.Key.Item1, StringComparer.Ordinal).ThenBy(c => c.Key.Item2, StringComparer.Ordinal)
                .Select(c => new ScreeningCount { Dimension = c.Key.Item1, Key = c.Key.Item2, Value = c.Value }).ToList();
            var summary = await db.ScreeningSummaries.FirstOrDefaultAsync(s => s.OwnerParty == party && s.GatePair == gate.Code && s.Date == day && s.OriginNode == null, ct);
            if (summary is null)
            {
                summary = new ScreeningSummary { OwnerParty = party, OwnerAgencyId = db.Viewer.AgencyId ?? Guid.Empty, GatePair = gate.Code, Date = day };
                summary.SetVisibility(Visibility.Partners, [partner], []);
                db.ScreeningSummaries.Add(summary);
            }
            summary.Counts = list;
        }
    }
}
