using Borderlink.Data;
using Borderlink.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Borderlink.Sharing;

/// <summary>
/// A step of every save (<see cref="SavePipeline"/>): each record of this node that the save adds, changes or deletes
/// gets its version, its times and its author, and an audit line saying who may read it or which version it became.
/// Replicas carry their owner's versions and times; the inbox audits what it applies.
/// </summary>
public sealed class StampRecords : ISaveStep
{
    public Task PrepareAsync(PendingSave save, CancellationToken ct)
    {
        var db = save.Db;
        foreach (var entry in save.Changed.Where(e => !e.Entity.IsReplica))
        {
            var record = entry.Entity;
            switch (entry.State)
            {
                case EntityState.Added:
                    record.Version = 1;
                    record.CreatedAt = record.UpdatedAt = save.Now;
                    record.CreatedBy = record.UpdatedBy = db.Viewer.Name;
                    db.Audit(AuditActions.Create, AuditOutcomes.Ok, record, AuditDetail.Of(record));
                    break;
                case EntityState.Modified:
                    record.Version += 1;
                    record.UpdatedAt = save.Now;
                    record.UpdatedBy = db.Viewer.Name;
                    var shared = VisibilityChanged(entry);
                    db.Audit(shared ? AuditActions.Share : AuditActions.Update, AuditOutcomes.Ok, record,
                        shared ? AuditDetail.Of(record) : AuditDetail.OfVersion(record.Version));
                    break;
                case EntityState.Deleted:
                    db.Audit(AuditActions.Delete, AuditOutcomes.Ok, record);
                    break;
            }
        }
        return Task.CompletedTask;
    }

    private static bool VisibilityChanged(EntityEntry<CoordinationRecord> entry) =>
        entry.Property(r => r.Visibility).IsModified || entry.Property(r => r.AudienceParties).IsModified || entry.Property(r => r.RestrictedFunctions).IsModified;
}
