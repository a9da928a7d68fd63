using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Borderlink.Tests.Sharing;

namespace Borderlink.Bench;

/// <summary>
/// Issue 20 (a) and (c): many people writing at once. <c>writers</c> API clients create liaison notes for
/// <c>seconds</c>, each waiting for its answer before the next (after a warm-up of a sixth of that, at least 5 s):
/// creates/s, p50/p99/max and failures, against the same engine doing a comparable transaction directly from this
/// process — a record row and an audit row, inserted by as many connections at once (pgbench-like) — in rounds that
/// alternate the two, reporting each and the median ratio. On PostgreSQL the
/// same load then runs against two instances of the node on the one database (half the writers each).
/// </summary>
public static class WritersBench
{
    /// <summary>Baseline and API alternate this many times; the ratio reported is their median (one pair varied 19–31 % on SQLite).</summary>
    private const int Rounds = 3;

    public static async Task RunAsync(int seconds, int writers = 100)
    {
        var duration = TimeSpan.FromSeconds(seconds);
        var warmUp = TimeSpan.FromSeconds(Math.Max(5, seconds / 6));
        await using var node = await ProcessNode.CreateAsync("bench-writers", []);
        await node.StartAsync(deliveryEnabled: false);
        var engine = node.Database.Provider.ToLowerInvariant();
        var postgres = engine == "postgres";
        await CreateTablesAsync(node.Database.ConnectionString, postgres);

        var people = await SignInAsync(node, writers);
        await WriteForAsync(people, "warm-up", warmUp);
        var ratios = new List<double>();
        var apiRounds = new List<Stats>();
        for (var round = 1; round <= Rounds; round++)
        {
            var baseline = await DirectAsync(node.Database.ConnectionString, postgres, writers, duration);
            var api = await WriteForAsync(people, $"round {round}", duration);
            ratios.Add(api.PerSecond / baseline.PerSecond);
            apiRounds.Add(api);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"writers.round-{round}.{engine} direct: connections={writers} {baseline} | api: writers={writers} {api} of-direct={ratios[^1]:P0}"));
        }
        var one = apiRounds.OrderBy(a => a.PerSecond).ElementAt(Rounds / 2);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"writers.api.{engine} writers={writers} median of {Rounds} rounds: per-s={one.PerSecond:F0} of-direct={ratios.Order().ElementAt(Rounds / 2):P0} (targets: >= 25 % of direct{(postgres ? ", p99 < 250 ms" : "")})"));

        if (!postgres) return;
        await using var second = node.SecondInstance();
        await second.StartAsync(deliveryEnabled: false);
        var half = await SignInAsync(second, writers / 2);
        var both = people.Take(writers - half.Length).Concat(half).ToArray();
        await WriteForAsync(both, "warm-up two", warmUp);
        var two = await WriteForAsync(both, "two", duration);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"writers.two-instances.{engine} writers={writers} {two} of-one-instance={two.PerSecond / one.PerSecond:F2}x (against the median round; target: >= 1.5x)"));
    }

    public sealed record Stats(int Writes, int Failed, double PerSecond, double P50, double P99, double Max, string FailedAs)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"writes={Writes} per-s={PerSecond:F0} failed={Failed}{(Failed > 0 ? " (" + FailedAs + ")" : "")} p50-ms={P50:F1} p99-ms={P99:F1} max-ms={Max:F0}");

        public static Stats Of(ConcurrentBag<double> latencies, ConcurrentDictionary<string, int> failures, TimeSpan elapsed)
        {
            var sorted = latencies.Order().ToArray();
            double At(double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
            var failed = failures.Values.Sum();
            return new Stats(sorted.Length, failed, (sorted.Length - failed) / elapsed.TotalSeconds, At(0.50), At(0.99), sorted.LastOrDefault(),
                string.Join(", ", failures.Select(f => $"{f.Key}: {f.Value}")));
        }
    }

    /// <summary>Sessions of the demo liaison officers of the four Vietnamese provinces, taken in turn.</summary>
    private static async Task<HttpClient[]> SignInAsync(ProcessNode node, int count)
    {
        string[] users = ["langson.liaison", "caobang.liaison", "quangninh.liaison", "laocai.liaison"];
        var sessions = new HttpClient[count];
        for (var i = 0; i < count; i++) sessions[i] = await node.SignInAsync(users[i % users.Length], TimeSpan.FromSeconds(60));
        return sessions;
    }

    private static Task<Stats> WriteForAsync(HttpClient[] people, string label, TimeSpan duration)
    {
        var total = Stopwatch.StartNew();
        return WriteWhileAsync(people, label, () => total.Elapsed < duration);
    }

    /// <summary>
    /// Each person creates liaison notes one after another (waiting for each answer) while <paramref name="going"/>
    /// says so; a failure is any answer but 201, or none.
    /// </summary>
    public static async Task<Stats> WriteWhileAsync(HttpClient[] people, string label, Func<bool> going)
    {
        var latencies = new ConcurrentBag<double>();
        var failures = new ConcurrentDictionary<string, int>();
        var total = Stopwatch.StartNew();
        await Task.WhenAll(people.Select(async (client, writer) =>
        {
            for (var i = 0; going(); i++)
            {
                var watch = Stopwatch.StartNew();
                string? failed;
                try
                {
                    var response = await client.PostAsJsonAsync("/api/v1/liaison-notes", new { title = $"{label} {writer}-{i}", body = "bench", language = "vi", visibility = "Internal" });
                    failed = response.StatusCode == HttpStatusCode.Created ? null : ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    failed = e.GetType().Name;
                }
                latencies.Add(watch.Elapsed.TotalMilliseconds);
                if (failed is not null) failures.AddOrUpdate(failed, 1, (_, n) => n + 1);
            }
        }));
        return Stats.Of(latencies, failures, total.Elapsed);
    }

    /// <summary>
    /// The engine alone: <paramref name="connections"/> connections, each committing transactions of one record row (an id,
    /// an owner, a title, a body of the note's size, a version and two times) and one audit row (its fields as the node's),
    /// into two tables of their own in the node's database, for <paramref name="duration"/>.
    /// </summary>
    private static async Task<Stats> DirectAsync(string connectionString, bool postgres, int connections, TimeSpan duration)
    {
        var latencies = new ConcurrentBag<double>();
        var failures = new ConcurrentDictionary<string, int>();
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            await using var connection = Open(connectionString, postgres);
            await connection.OpenAsync();
            while (total.Elapsed < duration)
            {
                var watch = Stopwatch.StartNew();
                try
                {
                    await using var tx = await connection.BeginTransactionAsync();
                    var id = Guid.CreateVersion7();
                    var now = DateTime.UtcNow;
                    await ExecAsync(connection, tx, "INSERT INTO bench_records VALUES (@id, 'VN-LS', 'bench note', 'bench', 1, @now, @now)", ("id", id), ("now", now));
                    await ExecAsync(connection, tx, "INSERT INTO bench_audit (at, actor, party, action, record_type, record_id, outcome, client) VALUES (@now, 'langson.liaison', 'VN-LS', 'create', 'liaison-note', @id, 'ok', '127.0.0.1')",
                        ("id", id), ("now", now));
                    await tx.CommitAsync();
                }
                catch (DbException e)
                {
                    failures.AddOrUpdate(e.GetType().Name, 1, (_, n) => n + 1);
                }
                latencies.Add(watch.Elapsed.TotalMilliseconds);
            }
        }));
        return Stats.Of(latencies, failures, total.Elapsed);
    }

    /// <summary>The baseline's two tables, in the node's database beside its own.</summary>
    private static async Task CreateTablesAsync(string connectionString, bool postgres)
    {
        var auditKey = postgres ? "bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT";
        await using var setup = Open(connectionString, postgres);
        await setup.OpenAsync();
        await ExecAsync(setup, null, "CREATE TABLE bench_records (id uuid PRIMARY KEY, owner varchar(16) NOT NULL, title text NOT NULL, body text NOT NULL, version bigint NOT NULL, created_at timestamp NOT NULL, updated_at timestamp NOT NULL)");
        await ExecAsync(setup, null, $"CREATE TABLE bench_audit (id {auditKey}, at timestamp NOT NULL, actor text NOT NULL, party text, action text NOT NULL, record_type text, record_id uuid, outcome text NOT NULL, client text)");
    }

    private static DbConnection Open(string connectionString, bool postgres) => postgres
        ? new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 200 }.ConnectionString)
        : new Microsoft.Data.Sqlite.SqliteConnection(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString) { DefaultTimeout = 60 }.ConnectionString);

    private static async Task ExecAsync(DbConnection connection, DbTransaction? tx, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = "@" + name;
            p.Value = value;
            command.Parameters.Add(p);
        }
        await command.ExecuteNonQueryAsync();
    }
}
