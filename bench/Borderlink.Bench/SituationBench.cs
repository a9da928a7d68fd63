using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Borderlink.Tests.Sharing;

namespace Borderlink.Bench;

/// <summary>
/// Situation reports on one real node. Import: a CSV of weekly counts for Lang Son (3 places × 30 diseases × as many
/// weeks as it takes) uploaded through the API, against a plain bulk insert of the same rows into a bare table of the
/// same database in the same run (one transaction of prepared inserts on SQLite, binary COPY on PostgreSQL).
/// Dashboard: 5 years × 7 parties × 30 diseases of weekly reports, then the situation page as Guangxi sees it.
/// </summary>
public static class SituationBench
{
    private static readonly string[] Diseases =
    [
        "plague", "cholera", "covid-19", "sars", "mers", "mpox", "smallpox", "polio", "influenza-new-subtype", "ebola", "yellow-fever", "west-nile",
        "dengue", "malaria", "measles", "rabies", "anthrax", "diphtheria", "pertussis", "typhoid", "japanese-encephalitis", "tuberculosis", "hiv",
        "hfmd", "influenza", "scarlet-fever", "leptospirosis", "chikungunya", "zika", "thalassemia",
    ];

    public static async Task ImportAsync(int rows)
    {
        await using var node = await ProcessNode.CreateAsync("bench-import", []);
        await node.With("Logging__LogLevel__Borderlink.Features.Situation", "Information").StartAsync(deliveryEnabled: false);
        var client = await node.SignInAsync("langson.officer", TimeSpan.FromMinutes(30));
        string[] places = ["VN-09", "VN-09-DD", "VN-09-LS"];
        // Both sides are warmed first with small runs of their own (earlier weeks, other tables), so the figures are
        // steady-state rates, as on a server that has been running, not the JIT compiling the paths. The runtime
        // recompiles hot code optimised in the background once it has been called often enough (tiered
        // compilation): a pause after each warm-up run lets it finish, as it would between a server's imports.
        for (var warm = 0; warm < 5; warm++)
        {
            var warmLines = Lines(places, 3_000, new DateOnly(2000, 1, 3).AddDays(7 * 35 * warm), daily: false).ToList();
            await BulkInsertAsync(node, warmLines, $"bench_warm_{warm}");
            await UploadAsync(client, Csv(warmLines), $"warm-{warm}.csv");
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        // Five rounds, each a baseline then an import of the same number of rows into periods of its own (weekly
        // reports in one span — 100,000 rows are 21 years of weeks, 2005 to 2026 — daily ones in four others, three
        // years each; periods before 2000 or not yet begun are refused); the median ratio is reported, as one round on a
        // shared two-core machine swings by a third either way, the baseline as much as the import.
        (DateOnly First, bool Daily)[] rounds =
        [
            (new DateOnly(2005, 1, 3), false), (new DateOnly(2001, 1, 1), true), (new DateOnly(2020, 1, 1), true), (new DateOnly(2015, 1, 1), true),
            (new DateOnly(2010, 1, 1), true),
        ];
        var ratios = new List<double>();
        var insertRatios = new List<double>();
        var postgres = node.Database.Provider == "Postgres";
        for (var round = 0; round < rounds.Length; round++)
        {
            var lines = Lines(places, rows, rounds[round].First, rounds[round].Daily).ToList();
            var baseline = await BulkInsertAsync(node, lines, $"bench_rows_{round}");
            // On PostgreSQL, also what SQLite's baseline is: prepared INSERTs in one transaction (COPY is the target's baseline).
            var inserts = postgres ? await BulkInsertAsync(node, lines, $"bench_inserts_{round}", useCopy: false) : baseline;
            var before = await node.ScalarAsync("SELECT COUNT(*) FROM \"SituationReports\" WHERE \"Figures\" IS NOT NULL");
            var csv = Csv(lines);
            var watch = Stopwatch.StartNew();
            await UploadAsync(client, csv, $"round-{round}.csv");
            watch.Stop();
            var reports = await node.ScalarAsync("SELECT COUNT(*) FROM \"SituationReports\" WHERE \"Figures\" IS NOT NULL") - before;
            var expected = lines.Select(l => l.Period).Distinct().Count();
            if (reports != expected) throw new InvalidOperationException($"{reports} reports with figures stored for {expected} periods");
            var imported = lines.Count / watch.Elapsed.TotalSeconds;
            ratios.Add(imported / baseline);
            insertRatios.Add(imported / inserts);
            var toInserts = postgres ? string.Create(CultureInfo.InvariantCulture, $" prepared-inserts rows/s={inserts:F0} ratio-to-inserts={imported / inserts:F2}") : "";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  round {round + 1} ({(rounds[round].Daily ? "daily" : "weekly")} from {rounds[round].First:yyyy-MM-dd}): rows={lines.Count} file-mb={csv.Length / 1048576.0:F1} " +
                $"import-s={watch.Elapsed.TotalSeconds:F2} rows/s={imported:F0} baseline rows/s={baseline:F0} ratio={imported / baseline:F2}{toInserts}"));
        }
        insertRatios.Sort();
        foreach (var phase in node.Output().Split('\n').Where(l => l.Contains("Situation import round", StringComparison.Ordinal))) Console.WriteLine("  " + phase.Trim());
        ratios.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"situation.import.{node.Database.Provider.ToLowerInvariant()} rows={rows} rounds={ratios.Count} ratio-median={ratios[ratios.Count / 2]:F2} " +
            $"ratio-min={ratios[0]:F2} ratio-max={ratios[^1]:F2} (target >= 0.25){(postgres ? $"; to prepared inserts: ratio-median={insertRatios[insertRatios.Count / 2]:F2}" : "")}"));
    }

    public static async Task DashboardAsync(int requests)
    {
        await using var node = await ProcessNode.CreateAsync("bench-dashboard", []);
        await node.StartAsync(deliveryEnabled: false);
        var parties = new (string Party, string User)[]
        {
            ("CN-GX", "guangxi"), ("CN-YN", "yunnan"), ("VN-13", "quangninh"), ("VN-09", "langson"), ("VN-04", "caobang"), ("VN-07", "tuyenquang"), ("VN-02", "laocai"),
        };
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var firstWeek = today.AddDays(-(((int)today.DayOfWeek + 6) % 7)).AddDays(-7 * 259);
        var loading = Stopwatch.StartNew();
        foreach (var (party, user) in parties)
        {
            var client = await node.SignInAsync($"{user}.officer", TimeSpan.FromMinutes(10));
            var lines = Lines([party], 260 * Diseases.Length, firstWeek, daily: false);
            await UploadAsync(client, Encoding.UTF8.GetBytes("period,place,disease,new_cases,deaths\n" +
                string.Join('\n', lines.Select(l => $"{l.Period},{l.Place},{l.Disease},{l.NewCases},{l.Deaths}"))), $"history-{party}.csv");
        }
        loading.Stop();
        var reports = await node.ScalarAsync("SELECT COUNT(*) FROM \"SituationReports\" WHERE \"Figures\" IS NOT NULL");

        var reader = await node.SignInAsync("guangxi.viewer");
        var times = new List<double>();
        for (var i = 0; i < requests + 10; i++)
        {
            var disease = Diseases[i % Diseases.Length];
            var watch = Stopwatch.StartNew();
            var page = await reader.GetAsync($"/situation?disease={disease}&periods=260");
            watch.Stop();
            if (page.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"page answered {(int)page.StatusCode}");
            if (i >= 10) times.Add(watch.Elapsed.TotalMilliseconds); // the first ten warm the caches and the JIT
        }
        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"situation.dashboard.{node.Database.Provider.ToLowerInvariant()} reports={reports} load-s={loading.Elapsed.TotalSeconds:F1} requests={times.Count} " +
            $"p50-ms={P(times, 0.5):F1} p95-ms={P(times, 0.95):F1} max-ms={times[^1]:F1} (target p95 < 150)"));
    }

    private static byte[] Csv(List<Line> lines) => Encoding.UTF8.GetBytes("period,place,disease,new_cases,deaths,tests,imported_cases,in_quarantine\n" +
        string.Join('\n', lines.Select(l => $"{l.Period},{l.Place},{l.Disease},{l.NewCases},{l.Deaths},{l.Tests},{l.Imported},{l.Quarantine}")));

    /// <summary>Uploads a CSV file through the API; anything but success stops the bench.</summary>
    private static async Task UploadAsync(HttpClient client, byte[] csv, string name)
    {
        var body = new ByteArrayContent(csv);
        body.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var response = await client.PostAsync($"/api/v1/situation-reports/imports?name={name}", body);
        if (response.StatusCode == HttpStatusCode.OK) return;
        var problem = await response.Content.ReadAsStringAsync();
        throw new InvalidOperationException($"{name}: {(int)response.StatusCode} {problem[..Math.Min(problem.Length, 500)]}");
    }

    private sealed record Line(string Period, string Place, string Disease, int NewCases, int Deaths, int Tests, int Imported, int Quarantine);

    private static IEnumerable<Line> Lines(string[] places, int count, DateOnly first, bool daily)
    {
        var random = new Random(7);
        var produced = 0;
        for (var day = first; ; day = day.AddDays(daily ? 1 : 7))
        {
            var at = day.ToDateTime(TimeOnly.MinValue);
            var period = daily ? day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : $"{ISOWeek.GetYear(at)}-W{ISOWeek.GetWeekOfYear(at):00}";
            foreach (var place in places)
            {
                foreach (var disease in Diseases)
                {
                    if (produced++ == count) yield break;
                    yield return new Line(period, place, disease, random.Next(0, 200), random.Next(0, 3), random.Next(0, 500), random.Next(0, 10), random.Next(0, 100));
                }
            }
        }
    }

    /// <summary>
    /// The same rows into a bare table of the node's database: the fastest way each engine takes rows in (binary COPY on
    /// PostgreSQL), or, with <paramref name="useCopy"/> false, prepared INSERTs in one transaction.
    /// </summary>
    private static async Task<double> BulkInsertAsync(ProcessNode node, List<Line> lines, string table, bool useCopy = true)
    {
        var postgres = node.Database.Provider == "Postgres";
        await using DbConnection connection = postgres
            ? new Npgsql.NpgsqlConnection(node.Database.ConnectionString)
            : new Microsoft.Data.Sqlite.SqliteConnection(node.Database.ConnectionString);
        await connection.OpenAsync();
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = $"CREATE TABLE {table} (period text, place text, disease text, new_cases integer, deaths integer, tests integer, imported integer, quarantine integer)";
            await create.ExecuteNonQueryAsync();
        }
        var watch = Stopwatch.StartNew();
        if (connection is Npgsql.NpgsqlConnection pg && useCopy)
        {
            await using var copy = await pg.BeginBinaryImportAsync($"COPY {table} FROM STDIN (FORMAT BINARY)");
            foreach (var l in lines)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(l.Period);
                await copy.WriteAsync(l.Place);
                await copy.WriteAsync(l.Disease);
                await copy.WriteAsync(l.NewCases);
                await copy.WriteAsync(l.Deaths);
                await copy.WriteAsync(l.Tests);
                await copy.WriteAsync(l.Imported);
                await copy.WriteAsync(l.Quarantine);
            }
            await copy.CompleteAsync();
        }
        else
        {
            await using var tx = await connection.BeginTransactionAsync();
            await using var insert = connection.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = $"INSERT INTO {table} VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
            // Npgsql binds $1… positionally, to parameters without names, and prepares them by type; Microsoft.Data.Sqlite binds them by name.
            var parameters = Enumerable.Range(1, 8).Select(i =>
            {
                var p = insert.CreateParameter();
                p.ParameterName = postgres ? "" : "$" + i;
                p.DbType = i <= 3 ? System.Data.DbType.String : System.Data.DbType.Int32;
                insert.Parameters.Add(p);
                return p;
            }).ToArray();
            await insert.PrepareAsync();
            foreach (var l in lines)
            {
                object[] values = [l.Period, l.Place, l.Disease, l.NewCases, l.Deaths, l.Tests, l.Imported, l.Quarantine];
                for (var i = 0; i < values.Length; i++) parameters[i].Value = values[i];
                await insert.ExecuteNonQueryAsync();
            }
            await tx.CommitAsync();
        }
        watch.Stop();
        return lines.Count / watch.Elapsed.TotalSeconds;
    }

    private static double P(List<double> sorted, double q) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * q))];
}
