using Borderlink.Data;
using Borderlink.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Sharing.Exchange;

/// <summary>A key on a partner's card: <paramref name="Use"/> is "sig" (checks its signatures) or "enc" (what messages to it are encrypted to).</summary>
public sealed record PartnerKeyDto(string Kid, string Use, DateTimeOffset? ValidFrom, DateTimeOffset? ValidTo);

/// <summary>What an administrator sees of one partner (PROTOCOL.md "Each node shows, per partner…").</summary>
/// <param name="State">
/// <c>never-contacted</c>; <c>unreachable</c> since <paramref name="UnreachableSince"/>; <c>refusing</c> when its last
/// answer was a refusal (400, 401, 403, 413: messages are marked failed); <c>recovered</c> when it answers again after an
/// error; <c>reachable</c>.
/// </param>
/// <param name="OldestQueuedSeconds">Age of the oldest waiting message, in seconds.</param>
public sealed record PartnerStatusDto(string NodeId, string BaseUrl, IReadOnlyList<string> Parties, IReadOnlyList<PartnerKeyDto> Keys,
    DateTimeOffset? LastContactAt, int Queued, TimeSpan? OldestQueuedAge, int Failed, int Delivered, string? LastError, DateTimeOffset? LastErrorAt,
    string State, DateTimeOffset? UnreachableSince, long? OldestQueuedSeconds)
{
    /// <summary>How long a partner that answers again after an error shows as recovered.</summary>
    public static readonly TimeSpan RecoveredFor = TimeSpan.FromDays(1);

    public static string StateOf(PartnerNode p, DateTimeOffset now) =>
        p.RetiredAt is not null ? "retired"
        : p.UnreachableSince is not null ? "unreachable"
        : p.LastContactAt is null && p.LastErrorAt is null ? "never-contacted"
        : p.LastErrorAt is { } error && (p.LastContactAt is not { } contact || error > contact) ? "refusing"
        : p.LastErrorAt is { } past && now - past < RecoveredFor ? "recovered"
        : "reachable";

    /// <summary>Every state, for the page's words and the resource check.</summary>
    public static readonly string[] States = ["never-contacted", "unreachable", "refusing", "recovered", "reachable", "retired"];
}

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
        var oldest = (await db.OutboxMessages.WaitingByPartnerAsync(ct)).ToDictionary(w => w.Key, w => w.Value.Oldest);
        return partners.Select(p =>
        {
            int Count(string status) => counts.Where(c => c.ToNode == p.NodeId && c.Status == status).Sum(c => c.Count);
            return new PartnerStatusDto(p.NodeId, p.BaseUrl, p.PartyList, p.Keys.Select(k => new PartnerKeyDto(k.Kid, k.ForEncryption ? "enc" : "sig", k.ValidFrom, k.ValidTo)).ToList(),
                p.LastContactAt, Count(OutboxStatus.Pending), oldest.TryGetValue(p.NodeId, out var o) ? now - o : null, Count(OutboxStatus.Failed),
                Count(OutboxStatus.Delivered), p.LastError, p.LastErrorAt, PartnerStatusDto.StateOf(p, now), p.UnreachableSince,
                oldest.TryGetValue(p.NodeId, out var first) ? (long)Math.Max(0, (now - first).TotalSeconds) : null);
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
        db.Audit(AuditActions.Admin, AuditOutcomes.Ok, detail: AuditDetail.ExchangeRetry(nodeId, count));
        await db.SaveChangesAsync(ct);
        return count;
    }
}
