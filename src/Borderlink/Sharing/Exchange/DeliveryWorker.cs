using Borderlink.Features.Accounts;
using Borderlink.Features.Alerts;
using Borderlink.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Borderlink.Sharing.Exchange;

/// <summary>
/// Sends outbox messages to partner inboxes: signs each with the current key (and encrypts it to the partner's key when
/// Exchange:Encrypt is on), POSTs it, checks the signed receipt.
/// Final refusals (400, 401, 403, 413) mark the message failed for an administrator to see; anything else is
/// retried with exponential backoff and jitter, without expiry. Several senders run in each instance, and several
/// instances may run on one PostgreSQL: a message is claimed by one sender only (see <see cref="BorderlinkDb.ClaimOutboxAsync"/>).
/// </summary>
public sealed class DeliveryWorker(IServiceScopeFactory scopes, LocalNode node, IOptions<ExchangeOptions> options, IHttpClientFactory http,
    TimeProvider clock, PartnerLinks links, Web.NodeMetrics metrics, DurableCommits commits, ILogger<DeliveryWorker> logger) : BackgroundService
{
    public const string HttpClientName = "exchange";
    private readonly SemaphoreSlim _claiming = new(1, 1);
    private readonly HashSet<Guid> _inFlight = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DeliveryEnabled) return;
        // Several senders, each claiming its own batch: while one waits for its slowest receipt, the others keep the
        // partner's inbox busy, so a backlog flows instead of moving in rounds. A prober watches partners that are down.
        await Task.WhenAll(Enumerable.Range(0, options.Value.Senders).Select(_ => SendLoopAsync(stoppingToken)).Append(ProbeLoopAsync(stoppingToken)));
    }

    /// <summary>
    /// Every <see cref="ExchangeOptions.ProbeSeconds"/>, asks each partner found down whether it answers again (its
    /// health address, no message): the moment it does, everything waiting for it is due, whatever each message's
    /// own backoff had reached.
    /// </summary>
    private async Task ProbeLoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(options.Value.ProbeSeconds), clock, stoppingToken);
                var down = links.Down.Keys.ToList();
                if (down.Count == 0) continue;
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<BorderlinkDb>();
                var client = http.CreateClient(HttpClientName);
                foreach (var partner in await db.PartnerNodes.AsNoTracking().Active().Where(p => down.Contains(p.NodeId)).ToListAsync(stoppingToken))
                {
                    try
                    {
                        using var response = await client.GetAsync(new Uri(partner.BaseUrl + "/healthz"), stoppingToken);
                        if (response.IsSuccessStatusCode && links.Answered(partner.NodeId)) await MakeDueAsync(db, partner.NodeId, stoppingToken);
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !stoppingToken.IsCancellationRequested)
                    {
                        // Still down: the senders' tries say so in the log.
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Partner probe failed");
            }
        }
    }

    /// <summary>
    /// Everything waiting for a partner that answers again is due now; a sender is woken for it. A message another
    /// sender or instance holds keeps its lease (<see cref="OutboxMessage.LeaseUntil"/>), so it is not sent twice. (The
    /// lease once lived in the next-attempt time, and messages due within two leases had to be left alone: after a
    /// 10-minute outage the last of 10,000 waited 90 s for their own backoff on PostgreSQL.)
    /// </summary>
    private async Task MakeDueAsync(BorderlinkDb db, string partner, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await db.PartnerNodes.Where(p => p.NodeId == partner)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.UnreachableSince, (DateTimeOffset?)null).SetProperty(p => p.LastContactAt, now), ct);
        await db.OutboxMessages.Where(m => m.ToNode == partner && m.Status == OutboxStatus.Pending && m.NextAttemptAt > now)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.NextAttemptAt, now), ct);
        node.Ring();
    }

    private async Task SendLoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var round = new Round(0, 0);
            try
            {
                round = await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Outbox delivery round failed");
            }
            if (round.Claimed > 0 && round.Delivered == 0)
            {
                // Nothing got through (a partner down, a link cut): a short rest, so retries of a long queue do not
                // take this node's writes away from its users. The first delivery ends it.
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(options.Value.PollMilliseconds, 1000)), stoppingToken);
            }
            else if (round.Claimed < options.Value.BatchSize)
            {
                await node.WaitAsync(TimeSpan.FromMilliseconds(options.Value.PollMilliseconds), stoppingToken);
            }
            else
            {
                // A full batch means more may be waiting: wake another sender.
                node.Ring();
            }
        }
    }

    /// <summary>What one round did: messages claimed, and how many of them were delivered.</summary>
    public sealed record Round(int Claimed, int Delivered);

    /// <summary>One round: claim due messages, send them in parallel per batch, record the outcomes.</summary>
    public async Task<Round> RunOnceAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BorderlinkDb>();
        db.WritesFirst = true;
        var now = clock.GetUtcNow();
        List<OutboxMessage> claimed;
        // One claim at a time in this instance, against what its other senders hold: no two take the same message.
        await _claiming.WaitAsync(ct);
        try
        {
            claimed = await db.ClaimOutboxAsync(now, options.Value.ClaimLease, options.Value.BatchSize, _inFlight, ct);
            foreach (var m in claimed) _inFlight.Add(m.Id);
        }
        finally
        {
            _claiming.Release();
        }
        if (claimed.Count == 0) return new Round(0, 0);
        try
        {
            return await SendClaimedAsync(scope, db, claimed, ct);
        }
        finally
        {
            await _claiming.WaitAsync(CancellationToken.None);
            foreach (var m in claimed) _inFlight.Remove(m.Id);
            _claiming.Release();
        }
    }

    private async Task<Round> SendClaimedAsync(IServiceScope scope, BorderlinkDb db, List<OutboxMessage> claimed, CancellationToken ct)
    {
        // Tracked: the same rows carry the keys for sending and take last contact and last error afterwards.
        // A retired card is not a partner any more: what was still queued for it waits (and shows on the partners page).
        var partners = await db.PartnerNodes.Active().Include(p => p.Keys).ToDictionaryAsync(p => p.NodeId, ct);
        var (key, signing) = await scope.ServiceProvider.GetRequiredService<NodeKeys>().CurrentAsync(ct);
        var client = http.CreateClient(HttpClientName);
        // The newest key each partner's card offers to encrypt to, chosen once for the round.
        var at = clock.GetUtcNow();
        var encryptTo = options.Value.Encrypt
            ? partners.Values.ToDictionary(p => p.NodeId, p => p.Keys.Where(k => k.ForEncryption && k.IsValidAt(at)).OrderByDescending(k => k.ValidFrom).FirstOrDefault())
            : null;
        // What a partner is sent is on disk first: a power cut cannot take back a record the partner already holds.
        await commits.WaitAsync(ct);
        var outcomes = await Task.WhenAll(claimed.Select(m => PartnerPost.SendAsync(client, m, partners.GetValueOrDefault(m.ToNode), signing, encryptTo, ct)));

        var now = clock.GetUtcNow();
        foreach (var (message, outcome) in claimed.Zip(outcomes))
        {
            message.LastError = outcome.Error;
            message.LeaseUntil = null;
            switch (outcome.Kind)
            {
                case PartnerPost.SendKind.Delivered:
                    message.Status = OutboxStatus.Delivered;
                    message.DeliveredAt = now;
                    message.ReceiptStatus = outcome.ReceiptStatus;
                    metrics.Sent(message.ToNode, "delivered", now - message.CreatedAt);
                    break;
                case PartnerPost.SendKind.Final:
                    message.Status = OutboxStatus.Failed;
                    message.Attempts++;
                    metrics.Sent(message.ToNode, "refused", null);
                    break;
                default:
                    message.Attempts++;
                    message.NextAttemptAt = now + Backoff(message.Attempts);
                    metrics.Sent(message.ToNode, "retry", null);
                    break;
            }
        }
        var recovered = new List<string>();
        var summaries = new List<string>();
        foreach (var group in claimed.Zip(outcomes).GroupBy(x => x.First.ToNode))
        {
            if (partners.GetValueOrDefault(group.Key) is not { } partner) continue;
            if (group.Any(x => x.Second.Kind == PartnerPost.SendKind.Delivered))
            {
                partner.LastContactAt = now;
                partner.UnreachableSince = null;
                if (links.Answered(group.Key)) recovered.Add(group.Key);
            }
            else if (group.FirstOrDefault(x => x.Second.Unreachable) is { First: not null } unreachable)
            {
                partner.UnreachableSince ??= now;
                if (links.Failed(group.Key, unreachable.Second.Error!)) summaries.Add(group.Key);
                await AlertAdministratorsAsync(db, partner, now, ct);
            }
            if (group.LastOrDefault(x => x.Second.Kind != PartnerPost.SendKind.Delivered) is { First: not null } failed)
            {
                partner.LastError = failed.Second.Error;
                partner.LastErrorAt = now;
            }
        }
        await db.SaveChangesAsync(ct);
        foreach (var partner in recovered) await MakeDueAsync(db, partner, ct);
        foreach (var partner in summaries)
        {
            var waiting = (await db.OutboxMessages.WaitingByPartnerAsync(ct, partner)).GetValueOrDefault(partner);
            links.Summarise(partner, (int)(waiting?.Count ?? 0), waiting is null ? null : now - waiting.Oldest);
        }
        logger.LogDebug("Outbox round: {Count} messages with key {Kid}", claimed.Count, key.Kid);
        return new Round(claimed.Count, outcomes.Count(o => o.Kind == PartnerPost.SendKind.Delivered));
    }

    /// <summary>
    /// Once a partner has not answered for <see cref="ExchangeOptions.UnreachableAlertSeconds"/>, the node's administrators
    /// get one alert for the outage (it is known by when the outage began), whatever the number of rounds or instances.
    /// </summary>
    private async Task AlertAdministratorsAsync(BorderlinkDb db, PartnerNode partner, DateTimeOffset now, CancellationToken ct)
    {
        if (partner.UnreachableSince is not { } since || now - since < TimeSpan.FromSeconds(options.Value.UnreachableAlertSeconds)) return;
        if (await db.Alerts.AnyAsync(a => a.Kind == Alert.PartnerUnreachable && a.Title == partner.NodeId && a.DueAt == since, ct)) return;
        db.Alerts.Add(new Alert
        {
            ForRole = Roles.Administrator, Kind = Alert.PartnerUnreachable, Title = partner.NodeId, Addressee = partner.Parties, DueAt = since, CreatedAt = now,
        });
    }

    public override void Dispose()
    {
        _claiming.Dispose();
        base.Dispose();
    }

    /// <summary>About 1 s, doubling per failure, capped (5 min by default), with jitter so partners are not hit in waves.</summary>
    public TimeSpan Backoff(int attempts)
    {
        var capped = Math.Min(options.Value.MaxBackoffSeconds, Math.Pow(2, Math.Min(attempts - 1, 20)));
        return TimeSpan.FromSeconds(capped * (0.5 + Random.Shared.NextDouble() * 0.5));
    }
}
