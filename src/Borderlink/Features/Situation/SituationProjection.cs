using Borderlink.Data;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Situation;

/// <summary>
/// A step of every save (<see cref="SavePipeline"/>): keeps each situation report's <see cref="SituationReport.Figures"/>
/// in step with its rows, in the save that adds or changes the report (a local write, an import, or a partner's replica
/// arriving), so they are written with the report.
/// </summary>
public sealed class SituationProjection : ISaveStep
{
    /// <summary>Works out the figures of every report the save adds or changes, before anything is written.</summary>
    public Task PrepareAsync(PendingSave save, CancellationToken ct)
    {
        foreach (var entry in save.Db.ChangeTracker.Entries<SituationReport>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                entry.Property(r => r.Figures).CurrentValue = SituationFigure.Serialize(entry.Entity);
            }
        }
        return Task.CompletedTask;
    }
}
