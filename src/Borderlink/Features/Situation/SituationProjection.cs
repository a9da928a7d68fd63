using Borderlink.Data;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Situation;

/// <summary>
/// Keeps <see cref="SituationFigure"/> in step with every situation report the node holds, inside the save that changes
/// the report (a local write, an import, or a partner's replica arriving or being retracted). The figures are written
/// in bulk in that save's transaction, not tracked one by one.
/// </summary>
public static class SituationProjection
{
    public sealed record Pending(IReadOnlyList<Guid> Replaced, IReadOnlyList<SituationFigure> Figures);

    public static Pending? Prepare(BorderlinkDb db)
    {
        var changed = db.ChangeTracker.Entries<SituationReport>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        if (changed.Count == 0) return null;

        var replaced = changed.Where(e => e.State != EntityState.Added).Select(e => e.Entity.Id).ToList();
        var figures = changed.Where(e => e.State != EntityState.Deleted).SelectMany(e => SituationFigure.Of(e.Entity)).ToList();
        return new Pending(replaced, figures);
    }

    /// <summary>Runs inside the save's transaction, after the reports are written.</summary>
    public static async Task WriteAsync(BorderlinkDb db, Pending pending, CancellationToken ct)
    {
        if (pending.Replaced.Count > 0)
        {
            await db.SituationFigures.Where(f => pending.Replaced.Contains(f.ReportId)).ExecuteDeleteAsync(ct);
        }
        await db.BulkInsertFiguresAsync(pending.Figures, ct);
    }

    /// <summary>
    /// Fills in the figures of reports that have none (a database from before the figures existed, or figures lost);
    /// returns how many reports got figures (a report without rows has none to get). Run at start, after migrations.
    /// </summary>
    public static async Task<int> FillMissingAsync(BorderlinkDb db, CancellationToken ct)
    {
        var missing = await db.SituationReports.IgnoreQueryFilters()
            .Where(r => !db.SituationFigures.Any(f => f.ReportId == r.Id)).Select(r => r.Id).ToListAsync(ct);
        var filled = 0;
        foreach (var chunk in missing.Chunk(500))
        {
            var reports = await db.SituationReports.IgnoreQueryFilters().AsNoTracking().Where(r => chunk.Contains(r.Id)).ToListAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.BulkInsertFiguresAsync(reports.SelectMany(SituationFigure.Of).ToList(), ct);
            await tx.CommitAsync(ct);
            filled += reports.Count(r => r.Rows.Count > 0);
        }
        return filled;
    }
}
