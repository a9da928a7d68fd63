using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Borderlink.Sharing.Exchange;
using Borderlink.Tests.Sharing;

namespace Borderlink.Bench;

/// <summary>
/// Two real nodes on loopback (the China node receives, the Vietnam node writes), each on its own database.
/// Latency is from the commit on the Vietnam node (the record's CreatedAt) to the message being applied on the China
/// node (its inbox ReceivedAt), both by the same machine clock; its baseline is the writer's own create round trip.
/// </summary>
public static class ExchangeBench
{
    public static async Task LatencyAsync(TimeSpan duration, int writers)
    {
        await using var nodes = await StartAsync();
        var (china, vietnam) = nodes;
        var clients = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => vietnam.SignInAsync("langson.liaison")));
        // A warm-up of the same load first, drained, then a pause: both nodes start cold, and until the runtime has
        // compiled the hot paths optimised (tiered compilation, in the background) the first seconds are slower than a
        // node that has been running. Only notes created after the warm-up are measured; the warm-up is shown apart.
        var warmUp = TimeSpan.FromSeconds(Math.Min(10, Math.Max(3, duration.TotalSeconds / 3)));
        await WriteAsync(clients, writers, warmUp, vietnam);
        await DrainAsync(vietnam, TimeSpan.FromMinutes(10));
        await Task.Delay(TimeSpan.FromSeconds(2));
        var measuredFrom = DateTimeOffset.UtcNow;
        var local = await WriteAsync(clients, writers, duration, vietnam);
        await DrainAsync(vietnam, TimeSpan.FromMinutes(10));

        var created = await TimesAsync(vietnam, "SELECT \"Id\", \"CreatedAt\" FROM \"LiaisonNotes\"");
        var received = await TimesAsync(china, "SELECT \"RecordId\", \"ReceivedAt\" FROM \"InboxMessages\"");
        List<double> Latency(Func<DateTimeOffset, bool> window) => received.Where(r => created.TryGetValue(r.Key, out var at) && window(at))
            .Select(r => (r.Value - created[r.Key]).TotalMilliseconds).Order().ToList();
        var latency = Latency(at => at >= measuredFrom);
        var cold = Latency(at => at < measuredFrom);
        var measuredReceived = received.Where(r => created.TryGetValue(r.Key, out var at) && at >= measuredFrom).Select(r => r.Value).ToList();
        var span = (measuredReceived.Max() - measuredReceived.Min()).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"exchange.latency.{china.Database.Provider.ToLowerInvariant()} writers={writers} messages={latency.Count} commit-to-applied p50-ms={P(latency, 0.5):F0} p99-ms={P(latency, 0.99):F0} " +
            $"baseline.local-create p50-ms={P(local, 0.5):F0} p99-ms={P(local, 0.99):F0} ratio-p99={P(latency, 0.99) / P(local, 0.99):F2} " +
            $"applied/s={latency.Count / Math.Max(span, 0.001):F0} baseline.created/s={local.Count / duration.TotalSeconds:F0} " +
            $"(warm-up {warmUp.TotalSeconds:F0} s from cold, not counted: messages={cold.Count} p50-ms={P(cold, 0.5):F0} p99-ms={P(cold, 0.99):F0})"));
    }

    /// <summary><paramref name="writers"/> concurrent writers creating shared notes for <paramref name="duration"/>; each create's round trip, sorted.</summary>
    private static async Task<List<double>> WriteAsync(HttpClient[] clients, int writers, TimeSpan duration, ProcessNode vietnam)
    {
        var local = new List<double>();
        var stop = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async w =>
        {
            var client = clients[w % clients.Length];
            var mine = new List<double>();
            while (stop.Elapsed < duration)
            {
                var one = Stopwatch.StartNew();
                var response = await client.PostAsJsonAsync("/api/v1/liaison-notes",
                    new { title = "latency", body = "bench", language = "vi", visibility = "Partners", audience = new[] { "CN-GX" } });
                if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"create answered {(int)response.StatusCode}\n{vietnam.Output()}");
                mine.Add(one.Elapsed.TotalMilliseconds);
            }
            lock (local) local.AddRange(mine);
        }));
        local.Sort();
        return local;
    }

    public static async Task BacklogAsync(int count)
    {
        await using var nodes = await StartAsync();
        var (china, vietnam) = nodes;
        china.Kill();
        var clients = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => vietnam.SignInAsync("langson.liaison")));
        var next = -1;
        var writing = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select(async client =>
        {
            while (Interlocked.Increment(ref next) < count)
            {
                var response = await client.PostAsJsonAsync("/api/v1/liaison-notes",
                    new { title = "backlog", body = "bench", language = "vi", visibility = "Partners", audience = new[] { "CN-GX" } });
                if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"create answered {(int)response.StatusCode}");
            }
        }));
        writing.Stop();
        var drain = Stopwatch.StartNew();
        await china.StartAsync();
        await DrainAsync(vietnam, TimeSpan.FromMinutes(30));
        drain.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"exchange.backlog.{china.Database.Provider.ToLowerInvariant()} messages={count} drain-s={drain.Elapsed.TotalSeconds:F1} drained/s={count / drain.Elapsed.TotalSeconds:F0} " +
            $"baseline.queued/s={count / writing.Elapsed.TotalSeconds:F0} ratio={(count / drain.Elapsed.TotalSeconds) / (count / writing.Elapsed.TotalSeconds):F2}"));
    }

    /// <summary>
    /// A partner down for <paramref name="outage"/> while <paramref name="count"/> messages queue for it, with the
    /// exchange's production settings (backoff capped at 5 minutes, poll 1 s, probe 10 s): by the end of a 10-minute
    /// outage every message waits out the full cap, as in a real one. Measured: from the partner answering its health
    /// address again to the last message applied in its database.
    /// </summary>
    public static async Task RecoveryAsync(int count, TimeSpan outage)
    {
        await using var nodes = await StartAsync(production: true);
        var (china, vietnam) = nodes;
        china.Kill();
        var down = Stopwatch.StartNew();
        var clients = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => vietnam.SignInAsync("langson.liaison")));
        var next = -1;
        await Task.WhenAll(clients.Select(async client =>
        {
            while (Interlocked.Increment(ref next) < count)
            {
                var response = await client.PostAsJsonAsync("/api/v1/liaison-notes",
                    new { title = "recovery", body = "bench", language = "vi", visibility = "Partners", audience = new[] { "CN-GX" } });
                if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"create answered {(int)response.StatusCode}");
            }
        }));
        var written = down.Elapsed;
        if (written < outage) await Task.Delay(outage - written);
        var attempts = await vietnam.ScalarAsync("SELECT MIN(\"Attempts\") FROM \"OutboxMessages\" WHERE \"Status\" = 'pending'");
        var capped = await vietnam.ScalarAsync("SELECT COUNT(*) FROM \"OutboxMessages\" WHERE \"Status\" = 'pending' AND \"Attempts\" >= 9");

        var outageLength = down.Elapsed;
        await china.StartAsync();
        var back = Stopwatch.StartNew();
        const string applied = "SELECT COUNT(*) FROM \"InboxMessages\" WHERE \"Status\" = 'applied'";
        while (await china.ScalarAsync(applied) < count)
        {
            if (back.Elapsed > TimeSpan.FromMinutes(15)) throw new TimeoutException($"{await china.ScalarAsync(applied)} of {count} applied after 15 minutes");
            await Task.Delay(100);
        }
        var all = back.Elapsed;
        await DrainAsync(vietnam, TimeSpan.FromMinutes(5));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"exchange.recovery.{china.Database.Provider.ToLowerInvariant()} messages={count} outage-s={outageLength.TotalSeconds:F0} " +
            $"writing-s={written.TotalSeconds:F0} min-attempts={attempts} at-9-or-more-attempts={capped} all-applied-after-return-s={all.TotalSeconds:F1} " +
            $"sender-drained-s={back.Elapsed.TotalSeconds:F1} target-s=60"));
    }

    private sealed class Nodes(ProcessNode china, ProcessNode vietnam) : IAsyncDisposable
    {
        public void Deconstruct(out ProcessNode c, out ProcessNode v) => (c, v) = (china, vietnam);

        public async ValueTask DisposeAsync()
        {
            await china.DisposeAsync();
            await vietnam.DisposeAsync();
        }
    }

    /// <param name="production">The exchange's own defaults (poll, backoff cap), not the quicker ones the tests use.</param>
    private static async Task<Nodes> StartAsync(bool production = false)
    {
        var china = await ProcessNode.CreateAsync("cn-gx", ["CN-GX", "CN-YN"]);
        var vietnam = await ProcessNode.CreateAsync("vn-north", ["VN-13", "VN-09", "VN-04", "VN-07", "VN-02"]);
        if (production)
        {
            foreach (var node in new[] { china, vietnam }) node.Without("Exchange__PollMilliseconds").Without("Exchange__MaxBackoffSeconds");
        }
        await Task.WhenAll(china.StartAsync(), vietnam.StartAsync());
        var cnAdmin = await china.SignInAsync("guangxi.admin");
        var vnAdmin = await vietnam.SignInAsync("langson.admin");
        await vnAdmin.PostAsJsonAsync("/api/v1/exchange/partners", await cnAdmin.GetFromJsonAsync<NodeCard>("/api/v1/exchange/node-card"));
        await cnAdmin.PostAsJsonAsync("/api/v1/exchange/partners", await vnAdmin.GetFromJsonAsync<NodeCard>("/api/v1/exchange/node-card"));
        return new Nodes(china, vietnam);
    }

    private static async Task DrainAsync(ProcessNode sender, TimeSpan limit)
    {
        var stopwatch = Stopwatch.StartNew();
        while (await sender.ScalarAsync("SELECT COUNT(*) FROM \"OutboxMessages\" WHERE \"Status\" <> 'delivered'") > 0)
        {
            if (stopwatch.Elapsed > limit) throw new TimeoutException("outbox not drained");
            await Task.Delay(100);
        }
    }

    /// <summary>Id → instant from a node's database (SQLite keeps UTC ticks, PostgreSQL timestamptz).</summary>
    private static async Task<Dictionary<Guid, DateTimeOffset>> TimesAsync(ProcessNode node, string sql)
    {
        await using DbConnection connection = node.Database.Provider == "Postgres"
            ? new Npgsql.NpgsqlConnection(node.Database.ConnectionString)
            : new Microsoft.Data.Sqlite.SqliteConnection(node.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var result = new Dictionary<Guid, DateTimeOffset>();
        while (await reader.ReadAsync())
        {
            var id = reader.GetValue(0) is Guid g ? g : Guid.Parse(reader.GetString(0));
            var at = reader.GetValue(1) switch
            {
                long ticks => new DateTimeOffset(ticks, TimeSpan.Zero),
                DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
                DateTimeOffset dto => dto,
                var other => throw new InvalidOperationException($"unexpected {other.GetType()}"),
            };
            result[id] = at;
        }
        return result;
    }

    private static double P(List<double> sorted, double q) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * q))];
}
