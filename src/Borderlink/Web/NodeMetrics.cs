using System.Diagnostics.Metrics;

namespace Borderlink.Web;

/// <summary>
/// What an operator watches, as OpenTelemetry instruments of the meter "Borderlink" (README lists them with their
/// Prometheus names). Recording costs next to nothing when nothing listens; <see cref="MetricsSetup"/> exports them
/// when the operator asks for it.
/// </summary>
public sealed class NodeMetrics
{
    public const string MeterName = "Borderlink";

    private readonly Counter<long> _sends;
    private readonly Histogram<double> _deliveryLatency;
    private readonly Counter<long> _inbox;
    private readonly Counter<long> _importRows;
    private readonly Histogram<double> _importDuration;
    private readonly Counter<long> _signInFailures;
    private readonly Counter<long> _auditChained;
    private readonly Histogram<double> _auditChainDelay;
    private volatile int _auditChainFailing;
    private volatile IReadOnlyList<PartnerQueue> _queues = [];

    /// <summary>One partner's waiting messages, as <see cref="Sharing.Exchange.ExchangeQueueMetrics"/> last read them.</summary>
    public sealed record PartnerQueue(string Partner, long Waiting, double OldestSeconds, bool Unreachable);

    public NodeMetrics(IMeterFactory meters, Data.DurableCommits commits)
    {
        var meter = meters.Create(MeterName);
        if (commits.Grouped)
        {
            meter.CreateObservableCounter("borderlink.database.log.syncs", () => commits.Syncs, "{sync}",
                "Syncs of the SQLite write-ahead log to disk, each covering every commit before it (group commit).");
            meter.CreateObservableCounter("borderlink.database.log.sync.waits", () => commits.Waits, "{wait}",
                "Answers, messages to partners and e-mails that waited for a sync of the log before they left (at most one sync each).");
        }
        _sends = meter.CreateCounter<long>("borderlink.exchange.sends", "{message}",
            "Messages sent to a partner's inbox, by partner and outcome (delivered, retry, refused).");
        _deliveryLatency = meter.CreateHistogram<double>("borderlink.exchange.delivery.latency", "s",
            "From a message written to its signed receipt, by partner.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800, 3600, 21600, 86400] });
        _inbox = meter.CreateCounter<long>("borderlink.exchange.inbox.messages", "{message}",
            "Partners' messages received, by outcome (applied, duplicate, stale, stored, unreadable, refused).");
        _importRows = meter.CreateCounter<long>("borderlink.imports.rows", "{row}", "Rows stored by situation imports and crossing batches, by kind.");
        _importDuration = meter.CreateHistogram<double>("borderlink.imports.duration", "s", "How long a stored import or batch took, by kind.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300] });
        _signInFailures = meter.CreateCounter<long>("borderlink.signin.failures", "{attempt}",
            "Sign-ins refused, by reason (credentials: a wrong name or password; limit: too many attempts).");
        _auditChained = meter.CreateCounter<long>("borderlink.audit.chained", "{line}",
            "Audit lines chained by this instance after their commit (README, \"How the audit chain is kept\").");
        _auditChainDelay = meter.CreateHistogram<double>("borderlink.audit.chain.delay", "s",
            "For each round of chaining, how long its oldest line had waited unchained since it was written.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 3600] });
        meter.CreateObservableGauge("borderlink.audit.chain.failing", () => _auditChainFailing, "{instance}",
            "1 while this instance cannot chain audit lines (the lines wait, committed, and are chained when it can again).");
        meter.CreateObservableGauge("borderlink.exchange.queue.messages",
            () => _queues.Select(q => new Measurement<long>(q.Waiting, new KeyValuePair<string, object?>("partner", q.Partner))), "{message}",
            "Messages waiting for each partner.");
        meter.CreateObservableGauge("borderlink.exchange.queue.oldest.age",
            () => _queues.Select(q => new Measurement<double>(q.OldestSeconds, new KeyValuePair<string, object?>("partner", q.Partner))), "s",
            "Age of the oldest message waiting for each partner (0 when none waits).");
        meter.CreateObservableGauge("borderlink.exchange.partner.unreachable",
            () => _queues.Select(q => new Measurement<int>(q.Unreachable ? 1 : 0, new KeyValuePair<string, object?>("partner", q.Partner))), "{partner}",
            "1 while a partner does not answer, 0 otherwise.");
    }

    public void Sent(string partner, string outcome, TimeSpan? latency)
    {
        var tag = new KeyValuePair<string, object?>("partner", partner);
        _sends.Add(1, tag, new KeyValuePair<string, object?>("outcome", outcome));
        if (latency is { } l) _deliveryLatency.Record(Math.Max(0, l.TotalSeconds), tag);
    }

    public void Received(string outcome) => _inbox.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Imported(string kind, long rows, TimeSpan duration)
    {
        var tag = new KeyValuePair<string, object?>("kind", kind);
        _importRows.Add(rows, tag);
        _importDuration.Record(duration.TotalSeconds, tag);
    }

    public void SignInFailed(string reason) => _signInFailures.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void SetQueues(IReadOnlyList<PartnerQueue> queues) => _queues = queues;

    public void AuditChained(int lines, TimeSpan oldestWaited)
    {
        _auditChained.Add(lines);
        _auditChainDelay.Record(Math.Max(0, oldestWaited.TotalSeconds));
    }

    public void AuditChainFailing(bool failing) => _auditChainFailing = failing ? 1 : 0;
}
