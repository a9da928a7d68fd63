using System.Collections.Concurrent;
using Borderlink.Data;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Sharing.Exchange;

/// <summary>
/// What the inbox checks every message against — partners' public keys and hosted parties — and this node's
/// current signing key, read from the database at most every <see cref="MaxAge"/> instead of once per message.
/// A change made in this process (a card imported, a key added or activated) is seen at once; one made by another
/// instance on the same database within <see cref="MaxAge"/>. Partners' last contact is written from here too, at
/// most once per <see cref="ContactResolution"/> per partner.
/// </summary>
public sealed class TrustCache(TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan ContactResolution = TimeSpan.FromSeconds(5);

    private sealed record Partners(DateTimeOffset LoadedAt, ILookup<string, PartnerKey> KeysByKid, IReadOnlyDictionary<string, PartnerNode> Nodes);

    private sealed record Signing(DateTimeOffset LoadedAt, NodeKey Key);

    private volatile Partners? _partners;
    private volatile Signing? _signing;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _contactWritten = new(StringComparer.Ordinal);

    /// <summary>
    /// The partner signing keys with this kid (never a key to encrypt to), each with the partner whose card holds it: usually one, none for an unknown
    /// key (a kid is a hash of the key, but it is the partner's card that says so, and two cards may claim one kid).
    /// </summary>
    public async Task<IReadOnlyList<(PartnerKey Key, PartnerNode Partner)>> KeysAsync(BorderlinkDb db, string kid, CancellationToken ct)
    {
        var partners = await PartnersAsync(db, ct);
        return partners.KeysByKid[kid].Select(k => (k, partners.Nodes[k.NodeId])).ToList();
    }

    /// <summary>Records that a partner was heard from; writes it when the stored time is older than the resolution.</summary>
    public async Task ContactAsync(BorderlinkDb db, string nodeId, DateTimeOffset now, CancellationToken ct)
    {
        if (_contactWritten.TryGetValue(nodeId, out var written) && now - written < ContactResolution) return;
        _contactWritten[nodeId] = now;
        await db.PartnerNodes.Where(p => p.NodeId == nodeId).ExecuteUpdateAsync(s => s.SetProperty(p => p.LastContactAt, now), ct);
    }

    /// <summary>This node's signing key (see <see cref="NodeKeys.CurrentAsync"/>), or null when it has to be read.</summary>
    internal NodeKey? CurrentSigningKey()
    {
        var signing = _signing;
        return signing is not null && clock.GetUtcNow() - signing.LoadedAt < MaxAge ? signing.Key : null;
    }

    internal void RememberSigningKey(NodeKey key) => _signing = new Signing(clock.GetUtcNow(), key);

    /// <summary>Called after partners or this node's keys change in this process.</summary>
    public void Invalidate()
    {
        _partners = null;
        _signing = null;
    }

    private async Task<Partners> PartnersAsync(BorderlinkDb db, CancellationToken ct)
    {
        var partners = _partners;
        var now = clock.GetUtcNow();
        if (partners is not null && now - partners.LoadedAt < MaxAge) return partners;
        var nodes = await db.PartnerNodes.AsNoTracking().Active().Include(p => p.Keys).ToListAsync(ct);
        partners = new Partners(now,
            nodes.SelectMany(n => n.Keys).Where(k => !k.ForEncryption).ToLookup(k => k.Kid, StringComparer.Ordinal),
            nodes.ToDictionary(n => n.NodeId, StringComparer.Ordinal));
        _partners = partners;
        return partners;
    }
}
