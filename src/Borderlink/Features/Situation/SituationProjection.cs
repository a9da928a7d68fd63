using Borderlink.Data;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Situation;

/// <summary>
/// Keeps each situation report's <see cref="SituationReport.Figures"/> in step with its rows, in the save that adds or
/// changes the report (a local write, an import, or a partner's replica arriving), so they are written with the report.
/// </summary>
public static class SituationProjection
{
    /// <summary>Works out the figures of every report the save adds or changes, before anything is written.</summary>
    public static void Prepare(BorderlinkDb db)
    {
        foreach (var entry in db.ChangeTracker.Entries<SituationReport>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                entry.Property(r => r.Figures).CurrentValue = SituationFigure.Serialize(entry.Entity);
            }
        }
    }

    /// <summary>
    /// Fills in the figures of reports that have none (a database from before they were kept in the report); returns
    /// how many reports got them. Run at start, after migrations, before anything else writes. The reports' versions
    /// and times stay as they were: this is the node's own bookkeeping, not a change to send to anyone.
    /// </summary>
    public static async Task<int> FillMissingAsync(BorderlinkDb db, CancellationToken ct)
    {
        var missing = await db.SituationReports.IgnoreQueryFilters().Where(r => r.Figures == null).Select(r => r.Id).ToListAsync(ct);
        foreach (var chunk in missing.Chunk(500))
        {
            var reports = await db.SituationReports.IgnoreQueryFilters().AsNoTracking().Where(r => chunk.Contains(r.Id)).ToListAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            foreach (var report in reports)
            {
                var figures = SituationFigure.Serialize(report);
                await db.SituationReports.IgnoreQueryFilters().Where(r => r.Id == report.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.Figures, figures), ct);
            }
            await tx.CommitAsync(ct);
        }
        return missing.Count;
    }
}
