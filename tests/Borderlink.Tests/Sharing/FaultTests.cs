using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Borderlink.Sharing.Exchange;
using Borderlink.Tests.Features.Notes;
using Borderlink.Tests.Infrastructure;

namespace Borderlink.Tests.Sharing;

/// <summary>
/// The fault tests run one after another, after the other test classes: each starts, kills and restarts node processes
/// whose timing they measure, and beside the in-process tests on two cores (tried) each took twice as long and the
/// whole suite longer.
/// </summary>
[CollectionDefinition("processes", DisableParallelization = true)]
public sealed class ProcessCollection;

/// <summary>
/// PROTOCOL.md "What must hold", with two real processes on loopback: kill -9 on either side at any moment, a partner
/// down while messages pile up — every message is applied exactly once, nothing is lost. Each test is bounded in time.
/// Backlogs are a few delivery rounds (100–400 messages), enough for every kill to fall with batches in flight and
/// work left behind; larger backlogs are the bench's (bench/: exchange-backlog).
/// </summary>
[Collection("processes")]
public sealed class FaultTests(ITestOutputHelper output) : IAsyncLifetime
{
    private ProcessNode _china = default!;
    private ProcessNode _vietnam = default!;

    public async ValueTask InitializeAsync()
    {
        _china = await NodeAsync("cn-gx", ["CN-GX", "CN-YN"]);
        _vietnam = await NodeAsync("vn-north", ["VN-13", "VN-09", "VN-04", "VN-07", "VN-02"]);
    }

    /// <summary>
    /// Starts both nodes and makes them partners. Each test starts the Vietnam node with the settings it needs
    /// (<paramref name="vietnam"/>, delivery on or off) rather than starting it plainly and again: a node start is about
    /// 4 s of both cores here, and these tests run alone.
    /// </summary>
    private async Task StartPairAsync(Action<ProcessNode>? vietnam = null, bool vietnamDelivers = true)
    {
        vietnam?.Invoke(_vietnam);
        await Task.WhenAll(_china.StartAsync(), _vietnam.StartAsync(vietnamDelivers));
        var cnAdmin = await _china.SignInAsync("guangxi.admin");
        var vnAdmin = await _vietnam.SignInAsync("langson.admin");
        var cnCard = await cnAdmin.GetFromJsonAsync<NodeCard>("/api/v1/exchange/node-card");
        var vnCard = await vnAdmin.GetFromJsonAsync<NodeCard>("/api/v1/exchange/node-card");
        Assert.Equal(HttpStatusCode.Created, (await vnAdmin.PostAsJsonAsync("/api/v1/exchange/partners", cnCard)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await cnAdmin.PostAsJsonAsync("/api/v1/exchange/partners", vnCard)).StatusCode);
    }

    /// <summary>A node process on a copy of the seeded template (migrated and seeded once per test run).</summary>
    private static async Task<ProcessNode> NodeAsync(string id, string[] parties)
    {
        var database = await new BorderlinkApp().Hosting(id, "http://127.0.0.1", parties).SeededDatabaseAsync();
        return await ProcessNode.CreateAsync(id, parties, database);
    }

    public async ValueTask DisposeAsync()
    {
        await _china.DisposeAsync();
        await _vietnam.DisposeAsync();
    }

    /// <summary>Writes notes shared with Guangxi on the Vietnam node, several at a time.</summary>
    private async Task WriteAsync(string prefix, int count, int parallel = 8, Func<int, Task>? afterEach = null, ProcessNode? alsoThrough = null)
    {
        // With a second instance, every other writer writes through it.
        var clients = await Task.WhenAll(Enumerable.Range(0, parallel).Select(i => (i % 2 == 1 && alsoThrough is not null ? alsoThrough : _vietnam).SignInAsync("langson.liaison")));
        var next = -1;
        await Task.WhenAll(clients.Select(async client =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var response = await client.CreateAsync(new { title = $"{prefix} {i}", body = "fault test", language = "vi", visibility = "Partners", audience = new[] { "CN-GX" } });
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                if (afterEach is not null) await afterEach(i);
            }
        }));
    }

    /// <summary>Waits until the Vietnam node has nothing left to send to the China node.</summary>
    private async Task DrainedAsync(TimeSpan limit, CancellationToken ct)
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < limit)
        {
            if (await _vietnam.ScalarAsync("SELECT COUNT(*) FROM \"OutboxMessages\" WHERE \"Status\" <> 'delivered'") == 0) return;
            await Task.Delay(250, ct);
        }
        Assert.Fail($"outbox not drained after {limit}: {await _vietnam.ScalarAsync("SELECT COUNT(*) FROM \"OutboxMessages\" WHERE \"Status\" <> 'delivered'")} left\n{_vietnam.Output()}");
    }

    private async Task AssertAppliedExactlyOnceAsync(string prefix, int count)
    {
        Assert.Equal(count, await _vietnam.ScalarAsync($"SELECT COUNT(*) FROM \"OutboxMessages\" WHERE \"Status\" = 'delivered'"));
        Assert.Equal(count, await _china.ScalarAsync($"SELECT COUNT(*) FROM \"LiaisonNotes\" WHERE \"OriginNode\" = 'vn-north' AND \"Title\" LIKE '{prefix} %'"));
        Assert.Equal(count, await _china.ScalarAsync("SELECT COUNT(*) FROM \"InboxMessages\" WHERE \"Status\" = 'applied'"));
        Assert.Equal(count, await _china.ScalarAsync("SELECT COUNT(DISTINCT \"RecordId\") FROM \"InboxMessages\""));
    }

    [Fact(Timeout = 300_000)]
    public async Task The_receiver_killed_during_a_stream_of_200_messages_gets_each_exactly_once()
    {
        var ct = TestContext.Current.CancellationToken;
        await StartPairAsync();
        var killed = 0;
        await WriteAsync("stream", 200, afterEach: async i =>
        {
            if (i == 60 && Interlocked.Exchange(ref killed, 1) == 0)
            {
                _china.Kill();
                await Task.Delay(500);
                await _china.StartAsync();
            }
        });
        await DrainedAsync(TimeSpan.FromMinutes(3), ct);
        await AssertAppliedExactlyOnceAsync("stream", 200);
    }

    [Fact(Timeout = 300_000)]
    public async Task The_sender_killed_between_commit_and_delivery_sends_everything_after_restart()
    {
        var ct = TestContext.Current.CancellationToken;
        await StartPairAsync(vietnamDelivers: false);
        await WriteAsync("committed", 100);
        Assert.Equal(100, await _vietnam.ScalarAsync("SELECT COUNT(*) FROM \"OutboxMessages\" WHERE \"Status\" = 'pending'"));
        _vietnam.Kill();

        await _vietnam.StartAsync(deliveryEnabled: true);
        await DrainedAsync(TimeSpan.FromMinutes(2), ct);
        await AssertAppliedExactlyOnceAsync("committed", 100);
    }

    [Fact(Timeout = 300_000)]
    public async Task The_sender_killed_while_delivering_a_backlog_resends_what_it_had_in_flight_and_each_is_applied_once()
    {
        var ct = TestContext.Current.CancellationToken;
        // A sender killed while holding claims leaves them for its claim lease (PostgreSQL): 8 s here, not the default
        // 45 s, so the test does not wait 45 s for what 8 s shows as well. (Short leases are for this test alone: under
        // load a round can outlast them, and the two-instance test counts any message sent twice.)
        await StartPairAsync(vietnam: n => n.With("Exchange__SendTimeoutSeconds", "5").With("Exchange__ClaimLeaseSeconds", "8"));
        _china.Kill();
        await WriteAsync("in-flight", 200);
        await _china.StartAsync();
        // Killed once the partner has taken part of the backlog: batches are in flight, some applied there whose receipts never came back.
        var stopwatch = Stopwatch.StartNew();
        while (await _china.ScalarAsync("SELECT COUNT(*) FROM \"InboxMessages\"") < 50)
        {
            Assert.True(stopwatch.Elapsed < TimeSpan.FromMinutes(2), "delivery never started");
            await Task.Delay(20, ct);
        }
        _vietnam.Kill();
        var appliedAtKill = await _china.ScalarAsync("SELECT COUNT(*) FROM \"InboxMessages\"");
        var deliveredAtKill = await _vietnam.ScalarAsync("SELECT COUNT(*) FROM \"OutboxMessages\" WHERE \"Status\" = 'delivered'");

        await _vietnam.StartAsync();
        await DrainedAsync(TimeSpan.FromMinutes(3), ct);
        await AssertAppliedExactlyOnceAsync("in-flight", 200);
        var duplicates = await _vietnam.ScalarAsync("SELECT COUNT(*) FROM \"OutboxMessages\" WHERE \"ReceiptStatus\" = 'duplicate'");
        // What the receiver had applied but the sender had not yet marked was sent again and answered as a duplicate (how
        // many depends on where the kill fell); the assertion above is that none was applied twice and none was lost.
        output.WriteLine($"killed with {appliedAtKill} applied on the receiver and {deliveredAtKill} marked delivered on the sender; {duplicates} resent as duplicates");
    }

    [Fact(Timeout = 300_000)]
    public async Task The_sender_killed_while_its_users_write_keeps_each_change_with_its_message_and_nothing_else()
    {
        var ct = TestContext.Current.CancellationToken;
        // Delivery off while they write: what is under test is the commit of a change with its message, and no claim
        // left by the kill has to wait out its lease before the check.
        await StartPairAsync(vietnamDelivers: false);
        var clients = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _vietnam.SignInAsync("langson.liaison")));
        var created = 0;
        var next = -1;
        var writers = clients.Select(async client =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < 5000)
            {
                try
                {
                    var response = await client.CreateAsync(new { title = $"crash {i}", body = "fault test", language = "vi", visibility = "Partners", audience = new[] { "CN-GX" } });
                    if (response.StatusCode != HttpStatusCode.Created) return;
                    Interlocked.Increment(ref created);
                }
                catch (HttpRequestException)
                {
                    return; // the node is gone
                }
            }
        }).ToList();
        var stopwatch = Stopwatch.StartNew();
        while (Volatile.Read(ref created) < 100 && stopwatch.Elapsed < TimeSpan.FromMinutes(2)) await Task.Delay(10, ct);
        _vietnam.Kill(); // with writes in the middle of their transactions
        await Task.WhenAll(writers);

        await _vietnam.StartAsync(deliveryEnabled: true);
        await DrainedAsync(TimeSpan.FromMinutes(3), ct);
        // Every note the sender kept has exactly one message, delivered, and the partner holds exactly those notes.
        var kept = await _vietnam.ScalarAsync("SELECT COUNT(*) FROM \"LiaisonNotes\" WHERE \"Title\" LIKE 'crash %'");
        Assert.True(kept >= Volatile.Read(ref created), $"{kept} notes kept for {created} acknowledged to their writers");
        Assert.Equal(kept, await _vietnam.ScalarAsync(
            "SELECT COUNT(*) FROM \"OutboxMessages\" m JOIN \"LiaisonNotes\" n ON n.\"Id\" = m.\"RecordId\" WHERE n.\"Title\" LIKE 'crash %'"));
        await AssertAppliedExactlyOnceAsync("crash", (int)kept);
        // Each kept note has its audit line (written with it, chained after: a kill between the two loses nothing), and
        // the chain verifies.
        Assert.Equal(0, await _vietnam.ScalarAsync("""
            SELECT COUNT(*) FROM "LiaisonNotes" n WHERE n."Title" LIKE 'crash %'
            AND NOT EXISTS (SELECT 1 FROM "AuditEntries" a WHERE a."RecordId" = n."Id" AND a."Action" = 'create')
            """));
        await AssertAuditChainIntactAsync(_vietnam);
        output.WriteLine($"{created} notes acknowledged before the kill, {kept} kept and delivered once");
    }

    [Fact(Timeout = 300_000)]
    public async Task Two_sender_instances_on_one_PostgreSQL_never_send_the_same_message_twice()
    {
        Assert.SkipUnless(TestDatabase.IsPostgres, "several instances share a PostgreSQL database; SQLite serves one instance");
        var ct = TestContext.Current.CancellationToken;
        await StartPairAsync();
        await using var second = _vietnam.SecondInstance();
        await second.StartAsync();
        _china.Kill();
        await WriteAsync("two-instances", 150, alsoThrough: second);
        await _china.StartAsync();
        await DrainedAsync(TimeSpan.FromMinutes(2), ct);
        await AssertAppliedExactlyOnceAsync("two-instances", 150);
        // Had both instances claimed one message, the second delivery would have come back as a duplicate.
        Assert.Equal(0, await _vietnam.ScalarAsync("SELECT COUNT(*) FROM \"OutboxMessages\" WHERE \"ReceiptStatus\" = 'duplicate'"));
        // Both instances' sequencers chained lines; one chain, no number twice, no line left out.
        await AssertAuditChainIntactAsync(_vietnam);
    }

    /// <summary>The node's audit chain verifies (the operator's verb), and every line written before it is in the chain.</summary>
    private async Task AssertAuditChainIntactAsync(ProcessNode node)
    {
        var written = await node.ScalarAsync("SELECT MAX(\"Id\") FROM \"AuditEntries\"");
        var (exitCode, verified) = await node.RunVerbAsync("audit", "verify");
        Assert.True(exitCode == 0, verified);
        Assert.Contains("Audit chain intact", verified, StringComparison.Ordinal);
        Assert.Equal(0, await node.ScalarAsync($"SELECT COUNT(*) FROM \"AuditEntries\" WHERE \"Id\" <= {written} AND \"Seq\" IS NULL"));
        Assert.True(written > 100, $"{written} audit lines");
        output.WriteLine(verified.Trim());
    }

    /// <remarks>
    /// 400 messages: four full delivery rounds after the return, more than the four senders take at once. How fast a
    /// backlog of 100,000 drains is measured in bench/ (<c>exchange-backlog</c>), not here.
    /// </remarks>
    [Fact(Timeout = 300_000)]
    public async Task A_partner_down_while_400_messages_queue_receives_all_of_them_when_it_returns()
    {
        var ct = TestContext.Current.CancellationToken;
        // The sender logs at Information, as appsettings.json has it, to see what an operator's log gets from an outage;
        // in JSON lines, as README offers it to a log collector.
        // Both nodes export metrics, as an operator watching the outage would scrape them.
        var vnMetrics = $"http://127.0.0.1:{ProcessNode.FreePort()}/metrics";
        var cnMetrics = $"http://127.0.0.1:{ProcessNode.FreePort()}/metrics";
        await StartPairAsync(vietnam: n => n.With("Logging__LogLevel__Default", "Information").With("Logging__Console__FormatterName", "json")
            .With("Metrics__PrometheusUrl", vnMetrics).With("Metrics__QueueSeconds", "1"));
        var logFrom = _vietnam.OutputLines;
        _china.Kill();
        var writing = Stopwatch.StartNew();
        await WriteAsync("backlog", 400);
        writing.Stop();
        Assert.Equal(400, await _vietnam.ScalarAsync("SELECT COUNT(*) FROM \"OutboxMessages\" WHERE \"Status\" = 'pending'"));
        // The outage as the sender's metrics show it: 400 waiting for cn-gx, the partner marked unreachable, tries failing.
        var during = await MetricsUntilAsync(vnMetrics, p => Scrape.Value(p, "borderlink_exchange_partner_unreachable", ("partner", "cn-gx")) == 1
            && Scrape.Value(p, "borderlink_exchange_queue_messages", ("partner", "cn-gx")) == 400);
        Assert.True(Scrape.Value(during, "borderlink_exchange_sends_total", ("partner", "cn-gx"), ("outcome", "retry")) >= 1);
        Assert.True(Scrape.Value(during, "borderlink_exchange_queue_oldest_age_seconds", ("partner", "cn-gx")) > 0);
        Assert.Null(Scrape.Value(during, "borderlink_exchange_sends_total", ("partner", "cn-gx"), ("outcome", "delivered")));

        var drain = Stopwatch.StartNew();
        await _china.With("Metrics__PrometheusUrl", cnMetrics).StartAsync();
        await DrainedAsync(TimeSpan.FromMinutes(5), ct);
        drain.Stop();
        await AssertAppliedExactlyOnceAsync("backlog", 400);
        // And after: nothing waits, the partner answers, each message was delivered once and applied once there.
        var after = await MetricsUntilAsync(vnMetrics, p => Scrape.Value(p, "borderlink_exchange_queue_messages", ("partner", "cn-gx")) == 0
            && Scrape.Value(p, "borderlink_exchange_partner_unreachable", ("partner", "cn-gx")) == 0);
        Assert.Equal(400, Scrape.Value(after, "borderlink_exchange_sends_total", ("partner", "cn-gx"), ("outcome", "delivered")));
        Assert.Equal(400, Scrape.Value(after, "borderlink_exchange_delivery_latency_seconds_count", ("partner", "cn-gx")));
        Assert.Equal(400, Scrape.Value(await Scrape.PageAsync(cnMetrics), "borderlink_exchange_inbox_messages_total", ("outcome", "applied")));
        // The outage left a few lines, not lines per message or per try: one when the partner stopped answering, at
        // most one a minute while it stayed down, one when it answered again; no stack trace.
        var log = _vietnam.OutputSince(logFrom);
        var entries = log.Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToList(); // every line is one JSON object
        Assert.Single(entries, e => e.GetProperty("EventId").GetInt32() == 3101
            && e.GetProperty("Message").GetString()!.Contains("Partner cn-gx does not answer", StringComparison.Ordinal));
        Assert.Single(entries, e => e.GetProperty("EventId").GetInt32() == 3103
            && e.GetProperty("Message").GetString()!.Contains("Partner cn-gx answers again", StringComparison.Ordinal));
        Assert.True(log.Count < 60 && log.Sum(l => l.Length) < 16_384, $"{log.Count} lines, {log.Sum(l => l.Length)} characters during the outage:\n{string.Join('\n', log.Take(60))}");
        Assert.DoesNotContain(log, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        var line = $"{_china.Database.Provider}: 400 notes written in {writing.Elapsed.TotalSeconds:F1} s; backlog drained in {drain.Elapsed.TotalSeconds:F1} s after the partner returned; the sender logged {log.Count} lines ({log.Sum(l => l.Length)} characters) meanwhile";
        output.WriteLine(line);
        if (Environment.GetEnvironmentVariable("BORDERLINK_ARTIFACTS") is { Length: > 0 } artifacts)
        {
            Directory.CreateDirectory(artifacts);
            await File.AppendAllTextAsync(Path.Combine(artifacts, "fault-timings.txt"), line + Environment.NewLine, ct);
        }
    }

    /// <summary>Scrapes until <paramref name="shows"/> holds (the queue's figures are read every second here), for at most 30 s.</summary>
    private static async Task<string> MetricsUntilAsync(string url, Func<string, bool> shows)
    {
        var page = "";
        for (var i = 0; i < 60; i++)
        {
            page = await Scrape.PageAsync(url);
            if (shows(page)) return page;
            await Task.Delay(500);
        }
        Assert.Fail("The metrics never showed it:\n" + string.Join('\n', page.Split('\n').Where(l => l.StartsWith("borderlink_", StringComparison.Ordinal))));
        return page;
    }
}
