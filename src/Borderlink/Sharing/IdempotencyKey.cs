using Borderlink.Data;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Sharing;

/// <summary>Remembers which record a client's Idempotency-Key created, so a retried create returns the same record.</summary>
public sealed class IdempotencyKey
{
    public required string Key { get; set; }
    public required string UserId { get; set; }
    public required string RecordType { get; set; }
    public Guid RecordId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The record an earlier request with this key created for the viewer, or null.</summary>
    public static async Task<Guid?> EarlierAsync(BorderlinkDb db, string? key, CancellationToken ct)
    {
        if (key is null || db.Viewer.UserId is not { } userId) return null;
        return await db.IdempotencyKeys.AsNoTracking().Where(k => k.UserId == userId && k.Key == key).Select(k => (Guid?)k.RecordId).FirstOrDefaultAsync(ct);
    }

    /// <summary>Records, in the same save as the record, that this key created it.</summary>
    public static void Remember(BorderlinkDb db, string? key, CoordinationRecord record, DateTimeOffset now)
    {
        if (key is null || db.Viewer.UserId is not { } userId) return;
        db.IdempotencyKeys.Add(new IdempotencyKey { Key = key, UserId = userId, RecordType = record.RecordType, RecordId = record.Id, CreatedAt = now });
    }
}
