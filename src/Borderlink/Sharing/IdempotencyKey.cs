namespace Borderlink.Sharing;

/// <summary>Remembers which record a client's Idempotency-Key created, so a retried create returns the same record.</summary>
public sealed class IdempotencyKey
{
    public required string Key { get; set; }
    public required string UserId { get; set; }
    public required string RecordType { get; set; }
    public Guid RecordId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
