using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Borderlink.Sharing.Exchange;

/// <summary>One of this node's signing keys. The private key is kept encrypted by the data-protection system.</summary>
public sealed class NodeKey
{
    public required string Kid { get; set; }
    /// <summary>The public key as a JWK (kty EC, crv P-256, x, y, kid).</summary>
    public required string PublicJwk { get; set; }
    /// <summary>PKCS#8 private key, protected with IDataProtector "Borderlink.NodeSigningKey".</summary>
    public required string ProtectedPrivateKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When the key started signing. Null for a key that is on the card but not used yet (the first step of a rotation).</summary>
    public DateTimeOffset? ActivatedAt { get; set; }
    /// <summary>When set, the key no longer signs; partners keep accepting it until its card validity ends.</summary>
    public DateTimeOffset? RetiredAt { get; set; }
    /// <summary>
    /// The ECDH P-256 key partners encrypt to when their Exchange:Encrypt is on (PROTOCOL.md "Confidentiality"): made,
    /// published and retired with the signing key, under a kid of its own. Null on a key made by a release before it.
    /// </summary>
    public string? EncryptionKid { get; set; }
    public string? EncryptionJwk { get; set; }
    /// <summary>PKCS#8 private key, protected with IDataProtector "Borderlink.NodeEncryptionKey".</summary>
    public string? ProtectedEncryptionKey { get; set; }
}

/// <summary>A partner node, imported from its card by an administrator. Partners are configured, never discovered.</summary>
public sealed class PartnerNode
{
    public required string NodeId { get; set; }
    public required string BaseUrl { get; set; }
    /// <summary>Parties the partner hosts, stored "|CN-GX|CN-YN|".</summary>
    public string Parties { get; set; } = "";
    public DateTimeOffset ImportedAt { get; set; }
    public string ImportedBy { get; set; } = "";
    public DateTimeOffset? LastContactAt { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? LastErrorAt { get; set; }
    /// <summary>Since when the partner has not answered (no connection, time-outs, server errors); null while it answers.</summary>
    public DateTimeOffset? UnreachableSince { get; set; }
    /// <summary>
    /// When an administrator retired this card (the partner moved, or its parties went to another node): nothing is
    /// sent to it or accepted from it any more, and its parties may be hosted by another card. A new card of the same
    /// node brings it back.
    /// </summary>
    public DateTimeOffset? RetiredAt { get; set; }
    public string? RetiredBy { get; set; }
    public List<PartnerKey> Keys { get; set; } = [];

    public IReadOnlyList<string> PartyList => Codes.Split(Parties);
}

/// <summary>A public key from a partner's card, valid in a window.</summary>
public sealed class PartnerKey
{
    public required string NodeId { get; set; }
    public required string Kid { get; set; }
    public required string Jwk { get; set; }
    public DateTimeOffset? ValidFrom { get; set; }
    public DateTimeOffset? ValidTo { get; set; }

    public bool IsValidAt(DateTimeOffset at) => (ValidFrom is null || ValidFrom <= at) && (ValidTo is null || at <= ValidTo);

    /// <summary>A key to encrypt to (JWK "use": "enc"), never one to check a signature with.</summary>
    public bool ForEncryption => Encryption.IsEncryptionJwk(Jwk);
}

public static class OutboxStatus
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
}

/// <summary>A message waiting for (or done with) delivery. Written in the same transaction as the change it announces.</summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string ToNode { get; set; }
    public required string Kind { get; set; }
    public required string RecordType { get; set; }
    public Guid RecordId { get; set; }
    public long Version { get; set; }
    /// <summary>The envelope payload (JSON); it is signed when sent.</summary>
    public required string Payload { get; set; }
    public string Status { get; set; } = OutboxStatus.Pending;
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    /// <summary>
    /// Until when a sender holds the message (where several instances share the database): nobody else claims it before,
    /// whatever its next attempt says. Kept apart from <see cref="NextAttemptAt"/> so that a partner's return can make
    /// every waiting message due at once without touching the ones in flight.
    /// </summary>
    public DateTimeOffset? LeaseUntil { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public string? ReceiptStatus { get; set; }
    public string? LastError { get; set; }
}

/// <summary>A message received from a partner, stored under its id: a second copy is a duplicate and applies nothing.</summary>
public sealed class InboxMessage
{
    public Guid Id { get; set; }
    public required string FromNode { get; set; }
    public required string Kind { get; set; }
    public string? RecordType { get; set; }
    public Guid? RecordId { get; set; }
    public long Version { get; set; }
    public required string Status { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    /// <summary>The record of a type this release does not know, kept so a later release can apply it.</summary>
    public string? UnappliedRecord { get; set; }
}

/// <summary>
/// The highest version seen of each partner record, kept even when the replica is removed by a retraction, so that
/// late or reordered messages never resurrect or roll back a record.
/// </summary>
public sealed class ReplicaState
{
    public required string RecordType { get; set; }
    public Guid RecordId { get; set; }
    public required string OwnerNode { get; set; }
    public required string OwnerParty { get; set; }
    public long Version { get; set; }
    public bool Retracted { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>What waits for one partner: how many messages, and when the oldest was written.</summary>
public sealed record Waiting(long Count, DateTimeOffset Oldest);

public static class OutboxQueries
{
    /// <summary>The pending messages per partner (of one partner when <paramref name="partner"/> is given), in one query.</summary>
    public static Task<Dictionary<string, Waiting>> WaitingByPartnerAsync(this IQueryable<OutboxMessage> outbox, CancellationToken ct, string? partner = null) =>
        outbox.AsNoTracking().Where(m => m.Status == OutboxStatus.Pending && (partner == null || m.ToNode == partner))
            .GroupBy(m => m.ToNode).Select(g => new { g.Key, Count = g.LongCount(), Oldest = g.Min(m => m.CreatedAt) })
            .ToDictionaryAsync(x => x.Key, x => new Waiting(x.Count, x.Oldest), ct);
}

public static class PartnerNodeQueries
{
    /// <summary>The partner cards in use: a retired card is sent nothing, trusted for nothing and hosts no party.</summary>
    public static IQueryable<PartnerNode> Active(this IQueryable<PartnerNode> partners) => partners.Where(p => p.RetiredAt == null);
}

internal sealed class NodeKeyConfig : IEntityTypeConfiguration<NodeKey>
{
    public void Configure(EntityTypeBuilder<NodeKey> b) => b.HasKey(k => k.Kid);
}

internal sealed class PartnerNodeConfig : IEntityTypeConfiguration<PartnerNode>
{
    public void Configure(EntityTypeBuilder<PartnerNode> b)
    {
        b.HasKey(p => p.NodeId);
        b.HasMany(p => p.Keys).WithOne().HasForeignKey(k => k.NodeId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(p => p.PartyList);
    }
}

internal sealed class PartnerKeyConfig : IEntityTypeConfiguration<PartnerKey>
{
    public void Configure(EntityTypeBuilder<PartnerKey> b) => b.HasKey(k => new { k.NodeId, k.Kid });
}

internal sealed class OutboxMessageConfig : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.HasKey(m => m.Id);
        b.HasIndex(m => new { m.Status, m.NextAttemptAt });
        b.HasIndex(m => new { m.ToNode, m.Status });
    }
}

internal sealed class InboxMessageConfig : IEntityTypeConfiguration<InboxMessage>
{
    public void Configure(EntityTypeBuilder<InboxMessage> b)
    {
        b.HasKey(m => m.Id);
        b.Property(m => m.Id).ValueGeneratedNever();
    }
}

internal sealed class ReplicaStateConfig : IEntityTypeConfiguration<ReplicaState>
{
    public void Configure(EntityTypeBuilder<ReplicaState> b) => b.HasKey(r => new { r.RecordType, r.RecordId });
}
