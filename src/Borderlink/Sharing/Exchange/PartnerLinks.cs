using System.Collections.Concurrent;

namespace Borderlink.Sharing.Exchange;

/// <summary>
/// Whether each partner node answers, as this instance's senders and probes find it. It keeps the log short during an
/// outage — one line when a partner stops answering (with the reason), a summary at most once a minute while it stays
/// down, one line when it answers again — and tells the worker when a partner is back, so that every message waiting
/// for it becomes due at once instead of waiting out its own backoff.
/// </summary>
public sealed class PartnerLinks(TimeProvider clock, ILogger<PartnerLinks> logger)
{
    public static readonly TimeSpan SummaryEvery = TimeSpan.FromMinutes(1);

    private static readonly EventId Unreachable = new(3101, "PartnerUnreachable");
    private static readonly EventId StillUnreachable = new(3102, "PartnerStillUnreachable");
    private static readonly EventId Reachable = new(3103, "PartnerReachableAgain");

    private sealed class Link
    {
        public DateTimeOffset DownSince;
        public DateTimeOffset LastSummary;
        public int FailedTries;
        public string? LastError;
    }

    private readonly ConcurrentDictionary<string, Link> _down = new(StringComparer.Ordinal);

    /// <summary>The partners this instance finds down, and since when.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> Down => _down.ToDictionary(kv => kv.Key, kv => kv.Value.DownSince);

    public bool IsDown(string node) => _down.ContainsKey(node);

    /// <summary>A try to reach <paramref name="node"/> failed for a reason of the link or the partner's server.</summary>
    /// <returns>True when a summary is due (the caller logs it with the queue's figures through <see cref="Summarise"/>).</returns>
    public bool Failed(string node, string error)
    {
        var now = clock.GetUtcNow();
        // TryAdd, not GetOrAdd: senders failing at the same moment must not each believe they saw the partner go down.
        var fresh = new Link { DownSince = now, LastSummary = now, FailedTries = 1, LastError = error };
        if (_down.TryAdd(node, fresh))
        {
            logger.LogWarning(Unreachable, "Partner {Node} does not answer: {Error}. Its messages wait and are sent when it answers again.", node, error);
            return false;
        }
        if (!_down.TryGetValue(node, out var link)) return false; // answered again meanwhile
        lock (link)
        {
            link.FailedTries++;
            link.LastError = error;
            if (now - link.LastSummary < SummaryEvery) return false;
            link.LastSummary = now;
            return true;
        }
    }

    /// <summary>The once-a-minute line about a partner that stays down.</summary>
    public void Summarise(string node, int waiting, TimeSpan? oldest)
    {
        if (!_down.TryGetValue(node, out var link)) return;
        lock (link)
        {
            logger.LogWarning(StillUnreachable,
                "Partner {Node} has not answered since {Since:u} ({Tries} tries, last: {Error}); {Waiting} messages wait, the oldest for {OldestSeconds:F0} s.",
                node, link.DownSince, link.FailedTries, link.LastError, waiting, oldest?.TotalSeconds ?? 0);
            link.FailedTries = 0;
        }
    }

    /// <summary>The partner answered (a delivery or a probe).</summary>
    /// <returns>True when it had been down: its waiting messages should become due now.</returns>
    public bool Answered(string node)
    {
        if (!_down.TryRemove(node, out var link)) return false;
        logger.LogInformation(Reachable, "Partner {Node} answers again after {DownSeconds:F0} s down.", node, (clock.GetUtcNow() - link.DownSince).TotalSeconds);
        return true;
    }
}
