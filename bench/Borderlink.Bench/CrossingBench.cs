using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Borderlink.Tests.Sharing;

namespace Borderlink.Bench;

/// <summary>
/// A gate system's batch of screened crossings through the ingest API on one real node, streamed (the bench never holds
/// the body either), against a raw bulk insert of the same rows in the same run into a table of the same shape (primary
/// key and index included): binary COPY on PostgreSQL, one transaction of prepared inserts on SQLite. Also the app's
/// peak resident memory (VmHWM of its process) once the batch is in.
/// </summary>
public static class CrossingBench
{
    private static readonly string[] Purposes = ["Expert", "SkilledWorker", "Business", "Tourism", "BorderResident", "Driver", "Returning", "Other"];

    public static async Task IngestAsync(int rows)
    {
        await using var node = await ProcessNode.CreateAsync("bench-ingest", []);
        await node.With("Logging__LogLevel__Borderlink.Features.Screening", "Information").StartAsync(deliveryEnabled: false);
        var client = await node.SignInAsync("langson.officer", TimeSpan.FromMinutes(30));
        var start = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(-31), TimeSpan.Zero).ToOffset(TimeSpan.FromHours(7));

        var baseline = await BulkInsertAsync(node, rows, start);
        // The body is written to a file first, so the timing is the server's work, not the bench making JSON on the same two cores.
        var file = await BodyFileAsync(rows, start);
        var bytes = new FileInfo(file).Length;
        var before = PeakMegabytes(node);
        var watch = Stopwatch.StartNew();
        var response = await SendFileAsync(client, file);
        watch.Stop();
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"ingest answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}\n{node.Output()}");
        var stored = await node.ScalarAsync("SELECT COUNT(*) FROM \"Crossings\"");
        if (stored != rows) throw new InvalidOperationException($"{stored} crossings stored for {rows} lines");
        var peak = PeakMegabytes(node);
        foreach (var phase in node.Output().Split('\n').Where(l => l.Contains("Crossings batch", StringComparison.Ordinal))) Console.WriteLine(phase.Trim());
        var ingested = rows / watch.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"crossings.ingest.{node.Database.Provider.ToLowerInvariant()} rows={rows} body-mb={bytes / 1048576.0:F0} ingest-s={watch.Elapsed.TotalSeconds:F1} rows/s={ingested:F0} " +
            $"baseline.bulk-insert rows/s={baseline:F0} ratio={ingested / baseline:F2} (target >= 0.50) app-peak-rss-mb={peak:F0} (before ingest {before:F0}; target < 500)"));
    }

    /// <summary>A batch of <paramref name="rows"/> lines in a temporary file (deleted once sent by <see cref="SendFileAsync"/>).</summary>
    internal static async Task<string> BodyFileAsync(int rows, DateTimeOffset start)
    {
        var file = Path.Combine(Path.GetTempPath(), $"bench-crossings-{rows}-{Guid.NewGuid():N}.ndjson");
        await using var output = File.Create(file);
        await new LinesContent(rows, start).CopyToAsync(output);
        return file;
    }

    /// <summary>The batch in <paramref name="file"/> to Huu Nghi's ingest, streamed; the file is deleted after.</summary>
    internal static async Task<HttpResponseMessage> SendFileAsync(HttpClient client, string file)
    {
        await using var input = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.DeleteOnClose | FileOptions.SequentialScan);
        var content = new StreamContent(input, 1 << 20);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        return await client.PostAsync("/api/v1/gates/HUUNGHI-YOUYIGUAN/crossings", content);
    }

    /// <summary>The line for row <paramref name="i"/>: a traveller, vehicle or consignment spread over a month.</summary>
    private static (Guid Id, DateTimeOffset At, int Kind, int Purpose, string Name, string Document, double Temperature, bool Symptoms, int Test, int Decision) Row(int i,
        DateTimeOffset start)
    {
        var id = new Guid(i, 0x5b1e, 0x7c00, 0x80, 0, 0, 0, 0, 0, 0, 1);
        return (id, start.AddSeconds(i * 2.5 % (30 * 86400)), i % 10 == 9 ? 1 : i % 10 == 8 ? 2 : 0, i % Purposes.Length, "Traveller " + i, "P" + (10_000_000 + i),
            36.0 + i % 20 / 10.0, i % 97 == 0, i % 50 == 0 ? 2 : 1, i % 50 == 0 ? 1 : 0);
    }

    /// <summary>The NDJSON body, written in pieces, never held whole.</summary>
    private sealed class LinesContent(int rows, DateTimeOffset start) : HttpContent
    {
        public long Bytes { get; private set; }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var builder = new StringBuilder(512 * 1024);
            for (var i = 0; i < rows; i++)
            {
                var r = Row(i, start);
                var kind = r.Kind switch { 1 => "Vehicle", 2 => "Consignment", _ => "Traveller" };
                builder.Append(CultureInfo.InvariantCulture, $"{{\"id\":\"{r.Id}\",\"occurredAt\":\"{r.At:yyyy-MM-ddTHH:mm:sszzz}\",\"kind\":\"{kind}\",\"direction\":\"Entry\",")
                    .Append(CultureInfo.InvariantCulture, $"\"purpose\":\"{Purposes[r.Purpose]}\",\"nationality\":\"CN\",\"travellerName\":\"{r.Name}\",\"documentNumber\":\"{r.Document}\",")
                    .Append(CultureInfo.InvariantCulture, $"\"healthDeclaration\":true,\"temperatureC\":{r.Temperature:F1},\"symptoms\":{(r.Symptoms ? "true" : "false")},")
                    .Append(CultureInfo.InvariantCulture, $"\"test\":\"{(r.Test == 2 ? "Positive" : "Negative")}\",\"decision\":\"{(r.Decision == 1 ? "Quarantined" : "Admitted")}\"}}\n");
                if (builder.Length > 480 * 1024 || i == rows - 1)
                {
                    var bytes = Encoding.UTF8.GetBytes(builder.ToString());
                    Bytes += bytes.Length;
                    await stream.WriteAsync(bytes);
                    builder.Clear();
                }
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    /// <summary>The row moved back in time so the rows cover <paramref name="days"/> days before the start.</summary>
    private static (Guid Id, DateTimeOffset At, int Kind, int Purpose, string Name, string Document, double Temperature, bool Symptoms, int Test, int Decision) Spread(
        (Guid Id, DateTimeOffset At, int Kind, int Purpose, string Name, string Document, double Temperature, bool Symptoms, int Test, int Decision) r, int i, int days) =>
        r with { At = r.At.AddSeconds(-(i % (days * 86400L / 3)) * 3 % (days * 86400L)) };

    private static double PeakMegabytes(ProcessNode node)
    {
        if (node.ProcessId is not { } pid) return double.NaN;
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? double.NaN : long.Parse(line.Split(':')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
    }

    /// <summary>The same rows into a table shaped like "Crossings" (its key and index too), the fastest way each engine takes rows in.</summary>
    private static Task<double> BulkInsertAsync(ProcessNode node, int rows, DateTimeOffset start) => BulkInsertAsync(node, rows, start, "bench_crossings", createTable: true, gates: ["HUUNGHI-YOUYIGUAN"], days: 30);

    /// <summary>Rows straight into a table (creating a copy of "Crossings" when asked), spread over gates and days back from <paramref name="start"/>.</summary>
    internal static async Task<double> BulkInsertAsync(ProcessNode node, int rows, DateTimeOffset start, string table, bool createTable, string[] gates, int days)
    {
        var postgres = node.Database.Provider == "Postgres";
        await using DbConnection connection = postgres
            ? new Npgsql.NpgsqlConnection(node.Database.ConnectionString)
            : new Microsoft.Data.Sqlite.SqliteConnection(node.Database.ConnectionString);
        await connection.OpenAsync();
        if (createTable)
        {
            await using var create = connection.CreateCommand();
            create.CommandText = postgres
                ? "CREATE TABLE bench_crossings (LIKE \"Crossings\" INCLUDING ALL)"
                : "SELECT sql FROM sqlite_master WHERE name = 'Crossings'";
            if (postgres) await create.ExecuteNonQueryAsync();
            else
            {
                var sql = (string)(await create.ExecuteScalarAsync())!;
                create.CommandText = sql.Replace("\"Crossings\"", "bench_crossings", StringComparison.Ordinal)
                    + "; CREATE INDEX bench_crossings_day ON bench_crossings (\"Party\", \"GatePair\", \"LocalDate\")"
                    + "; CREATE INDEX bench_crossings_positive ON bench_crossings (\"Party\", \"OccurredAt\") WHERE \"Test\" = 2";
                await create.ExecuteNonQueryAsync();
            }
        }
        const string columns = "\"Id\", \"Party\", \"GatePair\", \"OccurredAt\", \"LocalDate\", \"Kind\", \"Direction\", \"Purpose\", \"Nationality\", \"TravellerName\", "
            + "\"DocumentNumber\", \"HealthDeclaration\", \"TemperatureC\", \"Symptoms\", \"Test\", \"Decision\", \"VehiclePlate\", \"Disinfected\", \"Goods\", \"Sampled\", \"PermitId\", \"BatchId\", \"RecordedAt\"";
        var batch = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        var watch = Stopwatch.StartNew();
        if (connection is Npgsql.NpgsqlConnection pg)
        {
            await using var copy = await pg.BeginBinaryImportAsync($"COPY {table} ({columns}) FROM STDIN (FORMAT BINARY)");
            for (var i = 0; i < rows; i++)
            {
                var r = Spread(Row(i, start), i, days);
                copy.StartRow();
                copy.Write(r.Id, NpgsqlTypes.NpgsqlDbType.Uuid);
                copy.Write("VN-09", NpgsqlTypes.NpgsqlDbType.Varchar);
                copy.Write(gates[i % gates.Length], NpgsqlTypes.NpgsqlDbType.Varchar);
                copy.Write(r.At.UtcDateTime, NpgsqlTypes.NpgsqlDbType.TimestampTz);
                copy.Write(DateOnly.FromDateTime(r.At.DateTime), NpgsqlTypes.NpgsqlDbType.Date);
                copy.Write(r.Kind, NpgsqlTypes.NpgsqlDbType.Integer);
                copy.Write(0, NpgsqlTypes.NpgsqlDbType.Integer);
                copy.Write(r.Purpose, NpgsqlTypes.NpgsqlDbType.Integer);
                copy.Write("CN", NpgsqlTypes.NpgsqlDbType.Varchar);
                copy.Write(r.Name, NpgsqlTypes.NpgsqlDbType.Varchar);
                copy.Write(r.Document, NpgsqlTypes.NpgsqlDbType.Varchar);
                copy.Write(true, NpgsqlTypes.NpgsqlDbType.Boolean);
                copy.Write(r.Temperature, NpgsqlTypes.NpgsqlDbType.Double);
                copy.Write(r.Symptoms, NpgsqlTypes.NpgsqlDbType.Boolean);
                copy.Write(r.Test, NpgsqlTypes.NpgsqlDbType.Integer);
                copy.Write(r.Decision, NpgsqlTypes.NpgsqlDbType.Integer);
                copy.Write("", NpgsqlTypes.NpgsqlDbType.Varchar);
                copy.Write(false, NpgsqlTypes.NpgsqlDbType.Boolean);
                copy.Write("", NpgsqlTypes.NpgsqlDbType.Varchar);
                copy.Write(false, NpgsqlTypes.NpgsqlDbType.Boolean);
                copy.WriteNull();
                copy.Write(batch, NpgsqlTypes.NpgsqlDbType.Uuid);
                copy.Write(now.UtcDateTime, NpgsqlTypes.NpgsqlDbType.TimestampTz);
            }
            await copy.CompleteAsync();
        }
        else
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO {table} ({columns}) VALUES ({string.Join(", ", Enumerable.Range(1, 23).Select(i => "$" + i))})";
            var p = Enumerable.Range(1, 23).Select(i =>
            {
                var parameter = insert.CreateParameter();
                parameter.ParameterName = "$" + i;
                insert.Parameters.Add(parameter);
                return parameter;
            }).ToArray();
            insert.Prepare();
            var batchText = batch.ToString().ToUpperInvariant();
            for (var i = 0; i < rows; i++)
            {
                var r = Spread(Row(i, start), i, days);
                object[] values = [r.Id.ToString().ToUpperInvariant(), "VN-09", gates[i % gates.Length], r.At.UtcTicks, DateOnly.FromDateTime(r.At.DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    r.Kind, 0, r.Purpose, "CN", r.Name, r.Document, 1, r.Temperature, r.Symptoms ? 1 : 0, r.Test, r.Decision, "", 0, "", 0, DBNull.Value, batchText, now.UtcTicks];
                for (var c = 0; c < values.Length; c++) p[c].Value = values[c];
                insert.ExecuteNonQuery();
            }
            await transaction.CommitAsync();
        }
        watch.Stop();
        return rows / watch.Elapsed.TotalSeconds;
    }
}

/// <summary>Where an ingest's reading time goes, without a server: parsing the NDJSON, then checking each line into a record.</summary>
public static class CrossingParseBench
{
    public static async Task RunAsync(int rows)
    {
        var file = Path.Combine(Path.GetTempPath(), "bench-parse.ndjson");
        await using (var output = File.Create(file))
        {
            for (var i = 0; i < rows; i++)
            {
                var at = DateTimeOffset.UtcNow.AddDays(-1).ToOffset(TimeSpan.FromHours(7)).AddSeconds(-i % 80000);
                await output.WriteAsync(System.Text.Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
                    $"{{\"id\":\"{Guid.NewGuid()}\",\"occurredAt\":\"{at:yyyy-MM-ddTHH:mm:sszzz}\",\"kind\":\"Traveller\",\"direction\":\"Entry\",\"purpose\":\"Expert\",\"nationality\":\"CN\",\"travellerName\":\"Traveller {i}\",\"documentNumber\":\"P{i}\",\"healthDeclaration\":true,\"temperatureC\":36.6,\"symptoms\":false,\"test\":\"Negative\",\"decision\":\"Admitted\"}}\n")));
            }
        }
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");
        var lines = new List<Borderlink.Features.Screening.CrossingLine>(rows);
        var watch = Stopwatch.StartNew();
        await using (var input = File.OpenRead(file))
        {
            await foreach (var (_, line, error) in Borderlink.Features.Screening.NdJsonLines.ReadAsync(input, default))
            {
                if (error is not null) throw new InvalidOperationException(error);
                lines.Add(line!);
            }
        }
        var parse = watch.Elapsed;
        watch.Restart();
        var now = DateTimeOffset.UtcNow;
        var batch = Guid.NewGuid();
        foreach (var line in lines)
        {
            if (line.Check("VN-09", "HUUNGHI-YOUYIGUAN", at => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime), now, batch, out var e) is null)
                throw new InvalidOperationException(e!.MessageKey);
        }
        var check = watch.Elapsed;
        File.Delete(file);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"crossings.parse rows={rows} parse-s={parse.TotalSeconds:F2} check-s={check.TotalSeconds:F2}"));
    }
}

/// <summary>
/// The border dashboard with many crossings stored: a year of crossings at Lang Son's gates loaded straight into the table,
/// today's counts refreshed through the ingest API, then the dashboard page as Lang Son's officer sees it (with its own
/// latest positive screenings).
/// </summary>
public static class GateDashboardBench
{
    public static async Task RunAsync(int requests, int rows)
    {
        await using var node = await ProcessNode.CreateAsync("bench-gate-dashboard", []);
        await node.StartAsync(deliveryEnabled: false);
        var gates = new[] { "HUUNGHI-YOUYIGUAN", "TANTHANH-PUZHAI", "DONGDANG-PINGXIANG-RAIL", "COCNAM-NONGHUAI" };
        var start = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).AddMinutes(-5);
        var loading = Stopwatch.StartNew();
        await CrossingBench.BulkInsertAsync(node, rows, start, "\"Crossings\"", createTable: false, gates, days: 365);
        loading.Stop();
        var client = await node.SignInAsync("langson.officer", TimeSpan.FromMinutes(10));
        var today = new StringContent($"{{\"id\":\"{Guid.NewGuid()}\",\"occurredAt\":\"{start:yyyy-MM-ddTHH:mm:sszzz}\",\"kind\":\"Traveller\",\"test\":\"Positive\"}}",
            Encoding.UTF8, "application/x-ndjson");
        var refreshed = await client.PostAsync("/api/v1/gates/HUUNGHI-YOUYIGUAN/crossings", today);
        if (!refreshed.IsSuccessStatusCode) throw new InvalidOperationException($"ingest answered {(int)refreshed.StatusCode}: {await refreshed.Content.ReadAsStringAsync()}");
        var stored = await node.ScalarAsync("SELECT COUNT(*) FROM \"Crossings\"");
        var times = new List<double>();
        for (var i = 0; i < requests + 10; i++)
        {
            var watch = Stopwatch.StartNew();
            var page = await client.GetAsync("/gates/dashboard");
            watch.Stop();
            if (page.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"dashboard answered {(int)page.StatusCode}");
            if (i == 0 && !(await page.Content.ReadAsStringAsync()).Contains("recent-positives", StringComparison.Ordinal))
                throw new InvalidOperationException("the dashboard shows no positive screenings");
            if (i >= 10) times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"gates.dashboard.{node.Database.Provider.ToLowerInvariant()} crossings={stored} load-s={loading.Elapsed.TotalSeconds:F0} requests={times.Count} " +
            $"p50-ms={times[times.Count / 2]:F1} p95-ms={times[(int)Math.Ceiling(times.Count * 0.95) - 1]:F1} max-ms={times[^1]:F1} (target p95 < 150)"));
    }
}
