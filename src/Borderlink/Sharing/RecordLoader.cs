using Borderlink.Data;
using Borderlink.Features.Audit;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Sharing;

/// <summary>
/// Loads one record for an operation: through the visibility filter, then the access rule. A record the viewer may
/// not see answers NotFound (nobody learns it exists); every refusal and every read of a Restricted record is audited.
/// </summary>
public static class RecordLoader
{
    public static async Task<Outcome<T>> LoadAsync<T>(BorderlinkDb db, Guid id, RecordOperation operation, CancellationToken ct = default)
        where T : CoordinationRecord
    {
        var record = await db.Set<T>().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (record is null)
        {
            db.Audit(AuditActions.Refused, AuditOutcomes.NotFound, detail: AuditDetail.Absent(operation),
                recordType: TypeName<T>(), recordId: id);
            await db.SaveChangesAsync(ct);
            return new Outcome<T>.NotFound();
        }
        if (!RecordAccess.Allows(db.Viewer, record, operation))
        {
            db.Audit(AuditActions.Refused, AuditOutcomes.Denied, record, AuditDetail.NotAllowed(operation));
            await db.SaveChangesAsync(ct);
            return new Outcome<T>.Forbidden();
        }
        if (operation == RecordOperation.Read && record.Visibility == Visibility.Restricted)
        {
            db.Audit(AuditActions.ReadRestricted, AuditOutcomes.Ok, record);
            await db.SaveChangesAsync(ct);
        }
        return new Outcome<T>.Done(record);
    }

    /// <summary>As <see cref="LoadAsync{T}"/> for a record type known by its name; NotFound for a name no type has.</summary>
    public static async Task<Outcome<CoordinationRecord>> LoadAnyAsync(BorderlinkDb db, string recordType, Guid id, RecordOperation operation, CancellationToken ct = default)
    {
        if (!Exchange.RecordTypes.ByName.TryGetValue(recordType, out var type)) return new Outcome<CoordinationRecord>.NotFound();
        var load = AnyLoaders.GetOrAdd(type, t => typeof(RecordLoader).GetMethod(nameof(LoadAsBaseAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(t).CreateDelegate<Func<BorderlinkDb, Guid, RecordOperation, CancellationToken, Task<Outcome<CoordinationRecord>>>>());
        return await load(db, id, operation, ct);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, Func<BorderlinkDb, Guid, RecordOperation, CancellationToken, Task<Outcome<CoordinationRecord>>>> AnyLoaders = new();

    private static async Task<Outcome<CoordinationRecord>> LoadAsBaseAsync<T>(BorderlinkDb db, Guid id, RecordOperation operation, CancellationToken ct)
        where T : CoordinationRecord
    {
        var outcome = await LoadAsync<T>(db, id, operation, ct);
        return outcome is Outcome<T>.Done done ? new Outcome<CoordinationRecord>.Done(done.Value) : outcome.As<CoordinationRecord>();
    }

    /// <summary>Loads for a change the caller made to the version it read: NotFound, Forbidden, Stale, or the record.</summary>
    public static async Task<Outcome<T>> LoadForChangeAsync<T>(BorderlinkDb db, Guid id, RecordOperation operation, long expectedVersion, CancellationToken ct = default)
        where T : CoordinationRecord
    {
        var loaded = await LoadAsync<T>(db, id, operation, ct);
        return loaded is Outcome<T>.Done { Value: var record } && record.Version != expectedVersion
            ? new Outcome<T>.Stale(record.Version)
            : loaded;
    }

    /// <summary>
    /// Saves a changed record with the version the caller read as the concurrency token, so a race between two officers
    /// ends in Stale, not a lost update.
    /// </summary>
    public static async Task<Outcome<T>> SaveVersionedAsync<T>(BorderlinkDb db, T record, long expectedVersion, CancellationToken ct = default)
        where T : CoordinationRecord
    {
        db.Entry(record).Property(r => r.Version).OriginalValue = expectedVersion;
        try
        {
            await db.SaveChangesAsync(ct);
            return new Outcome<T>.Done(record);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Set<T>().AsNoTracking().Where(r => r.Id == record.Id).Select(r => r.Version).FirstOrDefaultAsync(ct);
            return new Outcome<T>.Stale(current);
        }
    }

    private static string TypeName<T>() => typeof(T).Name;
}
