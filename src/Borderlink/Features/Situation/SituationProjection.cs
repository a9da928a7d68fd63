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
}
