using Borderlink.Data;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Situation;

/// <summary>
/// Keeps <see cref="SituationFact"/> in step with every situation report the node holds, inside the save that changes
/// the report (a local write, an import, or a partner's replica arriving or being retracted).
/// </summary>
public static class SituationProjection
{
    public static async Task WriteAsync(BorderlinkDb db, CancellationToken ct)
    {
        var changed = db.ChangeTracker.Entries<SituationReport>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        if (changed.Count == 0) return;

        var stale = changed.Where(e => e.State != EntityState.Added).Select(e => e.Entity.Id).ToList();
        if (stale.Count > 0)
        {
            db.SituationFacts.RemoveRange(await db.SituationFacts.Where(f => stale.Contains(f.ReportId)).ToListAsync(ct));
        }
        var countries = await db.Parties.AsNoTracking().ToDictionaryAsync(p => p.Code, p => p.Country, ct);
        foreach (var report in changed.Where(e => e.State != EntityState.Deleted).Select(e => e.Entity))
        {
            var country = countries.GetValueOrDefault(report.OwnerParty, "");
            db.SituationFacts.AddRange(report.Rows.Select(r => new SituationFact
            {
                Id = Guid.CreateVersion7(), ReportId = report.Id, OwnerParty = report.OwnerParty, Country = country, PeriodKind = report.PeriodKind,
                PeriodStart = report.PeriodStart, Disease = r.Disease, Place = r.Place, IsPartyTotal = r.Place == report.OwnerParty,
                NewCases = r.NewCases, Deaths = r.Deaths, Tests = r.Tests, ImportedCases = r.ImportedCases, InQuarantine = r.InQuarantine,
            }));
        }
    }
}
