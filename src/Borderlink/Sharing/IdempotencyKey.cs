using Borderlink.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Borderlink.Sharing;

/// <summary>
/// Remembers which record a client's Idempotency-Key created, and from what request, so a retried create returns the
/// same record and the same key sent with another request is refused (422) instead of silently answering the first.
/// Keys belong to the user who sent them: another user's key of the same value is a fresh key.
/// </summary>
public sealed class IdempotencyKey
{
    public required string Key { get; set; }
    public required string UserId { get; set; }
    public required string RecordType { get; set; }
    public Guid RecordId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>SHA-256 (hex) of the request the key first came with.</summary>
    public string RequestHash { get; set; } = "";

    public const string ReusedCode = "idempotency-key-reused";

    /// <summary>What an earlier request with the same key did: the record it created, and whether it asked the same.</summary>
    public readonly record struct Earlier(Guid RecordId, bool SameRequest);

    /// <summary>The fingerprint of a request, as its JSON: the same fields with the same values give the same hash.</summary>
    public static string HashOf<TRequest>(TRequest request) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(request)));

    /// <summary>The earlier request with this key from the viewer, or null.</summary>
    public static async Task<Earlier?> EarlierAsync(BorderlinkDb db, string? key, string requestHash, CancellationToken ct)
    {
        if (key is null || db.Viewer.UserId is not { } userId) return null;
        var earlier = await db.IdempotencyKeys.AsNoTracking().Where(k => k.UserId == userId && k.Key == key)
            .Select(k => new { k.RecordId, k.RequestHash }).FirstOrDefaultAsync(ct);
        return earlier is null ? null : new Earlier(earlier.RecordId, earlier.RequestHash == requestHash);
    }

    /// <summary>Records, in the same save as the record, that this key and request created it.</summary>
    public static void Remember(BorderlinkDb db, string? key, string requestHash, CoordinationRecord record, DateTimeOffset now)
    {
        if (key is null || db.Viewer.UserId is not { } userId) return;
        db.IdempotencyKeys.Add(new IdempotencyKey
        {
            Key = key, UserId = userId, RecordType = record.RecordType, RecordId = record.Id, CreatedAt = now, RequestHash = requestHash,
        });
    }
}

internal sealed class IdempotencyKeyConfig : IEntityTypeConfiguration<IdempotencyKey>
{
    public void Configure(EntityTypeBuilder<IdempotencyKey> b)
    {
        b.HasKey(k => new { k.UserId, k.Key });
        b.Property(k => k.Key).HasMaxLength(200);
        b.Property(k => k.RequestHash).HasMaxLength(64);
    }
}
