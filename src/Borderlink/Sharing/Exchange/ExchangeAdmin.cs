using Borderlink.Data;
using Borderlink.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Sharing.Exchange;

/// <summary>A key on a partner's card: <paramref name="Use"/> is "sig" (checks its signatures) or "enc" (what messages to it are encrypted to).</summary>
public sealed record PartnerKeyDto(string Kid, string Use, DateTimeOffset? ValidFrom, DateTimeOffset? ValidTo);

/// <summary>What an administrator sees of one partner (PROTOCOL.md "Each node shows, per partner…").</summary>
public sealed record PartnerStatusDto(string NodeId, string BaseUrl, IReadOnlyList<string> Parties, IReadOnlyList<PartnerKeyDto> Keys,
    DateTimeOffset? LastContactAt, int Queued, TimeSpan? OldestQueuedAge, int Failed, int Delivered, string? LastError, DateTimeOffset? LastErrorAt);

public sealed record OutboxMessageDto(Guid Id, string Kind, string RecordType, Guid RecordId, long Version, string Status, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt, DateTimeOffset? DeliveredAt, string? ReceiptStatus, string? LastError);

/// <summary>Partner status, inspection and retry for administrators.</summary>
public sealed class ExchangeAdmin(BorderlinkDb db, TimeProvider clock)
{
    public async Task<List<PartnerStatusDto>> PartnersAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var partners = await db.PartnerNodes.AsNoTracking().Include(p => p.Keys).OrderBy(p => p.NodeId).ToListAsync(ct);
        var counts = await db.OutboxMessages.AsNoTracking().GroupBy(m => new { m.ToNode, m.Status })
            .Select(g => new { g.Key.ToNode, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        var oldest = await db.OutboxMessages.AsNoTracking().Where(m => m.Status == OutboxStatus.Pending)
            .GroupBy(m => m.ToNode).Select(g => new { ToNode = g.Key, Oldest = g.Min(m => m.CreatedAt) }).ToDictionaryAsync(x => x.ToNode, x => x.Oldest, ct);
        return partners.Select(p =>
        {
            int Count(string status) => counts.Where(c => c.ToNode == p.NodeId && c.Status == status).Sum(c => c.Count);
            return new PartnerStatusDto(p.NodeId, p.BaseUrl, p.PartyList, p.Keys.Select(k => new PartnerKeyDto(k.Kid, k.ForEncryption ? "enc" : "sig", k.ValidFrom, k.ValidTo)).ToList(),
                p.LastContactAt, Count(OutboxStatus.Pending), oldest.TryGetValue(p.NodeId, out var o) ? now - o : null, Count(OutboxStatus.Failed),
                Count(OutboxStatus.Delivered), p.LastError, p.LastErrorAt);
        }).ToList();
    }

    public async Task<List<OutboxMessageDto>> MessagesAsync(string nodeId, string? status, int take = 100, CancellationToken ct = default) =>
        (await db.OutboxMessages.AsNoTracking().Where(m => m.ToNode == nodeId && (status == null || m.Status == status))
            .OrderByDescending(m => m.CreatedAt).Take(Math.Clamp(take, 1, 500)).ToListAsync(ct))
        .Select(m => new OutboxMessageDto(m.Id, m.Kind, m.RecordType, m.RecordId, m.Version, m.Status, m.Attempts, m.CreatedAt, m.NextAttemptAt,
            m.DeliveredAt, m.ReceiptStatus, m.LastError)).ToList();

    /// <summary>Puts failed messages back in the queue, and makes waiting ones due now.</summary>
    public async Task<int> RetryAsync(string nodeId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var count = await db.OutboxMessages.Where(m => m.ToNode == nodeId && m.Status != OutboxStatus.Delivered)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Pending).SetProperty(m => m.NextAttemptAt, now), ct);
        db.Audit(AuditActions.Admin, AuditOutcomes.Ok, detail: $"exchange retry to {nodeId}: {count} messages");
        await db.SaveChangesAsync(ct);
        return count;
    }
}
