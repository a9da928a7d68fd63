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
        await node.StartAsync(deliveryEnabled: false);
        var client = await node.SignInAsync("langson.officer", TimeSpan.FromMinutes(30));
        var start = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(7));

        var baseline = await BulkInsertAsync(node, rows, start);
        var before = PeakMegabytes(node);
        var watch = Stopwatch.StartNew();
        var content = new LinesContent(rows, start);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        var response = await client.PostAsync("/api/v1/gates/HUUNGHI-YOUYIGUAN/crossings", content);
        watch.Stop();
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"ingest answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}\n{node.Output()}");
        var stored = await node.ScalarAsync("SELECT COUNT(*) FROM \"Crossings\"");
        if (stored != rows) throw new InvalidOperationException($"{stored} crossings stored for {rows} lines");
        var peak = PeakMegabytes(node);
        var ingested = rows / watch.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"crossings.ingest.{node.Database.Provider.ToLowerInvariant()} rows={rows} body-mb={content.Bytes / 1048576.0:F0} ingest-s={watch.Elapsed.TotalSeconds:F1} rows/s={ingested:F0} " +
            $"baseline.bulk-insert rows/s={baseline:F0} ratio={ingested / baseline:F2} (target >= 0.50) app-peak-rss-mb={peak:F0} (before ingest {before:F0}; target < 500)"));
    }

    /// <summary>The line for row <paramref name="i"/>: a traveller, vehicle or consignment spread over a month.</summary>
    private static (Guid Id, DateTimeOffset At, int Kind, int Purpose, string Name, string Document, double Temperature, bool Symptoms, int Test, int Decision) Row(int i,
        DateTimeOffset start)
    {
        var id = new Guid(i, 0x5b1e, 0x7c00, 0x80, 0, 0, 0, 0, 0, 0, 1);
        return (id, start.AddSeconds(i * 2.5 % (30 * 86400)), i % 10 == 9 ? 1 : i % 10 == 8 ? 2 : 0, i % Purposes.Length, "Traveller " + i, "P" + (10_000_000 + i),
            36.0 + i % 20 / 10.0, i % 97 == 0, i % 50 == 0 ? 2 : 1, i % 50 == 0 ? 1 : 0);
    }

    /// <summary>The NDJSON body written as the server reads it, never held whole.</summary>
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

    private static double PeakMegabytes(ProcessNode node)
    {
        if (node.ProcessId is not { } pid) return double.NaN;
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? double.NaN : long.Parse(line.Split(':')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
    }

    /// <summary>The same rows into a table shaped like "Crossings" (its key and index too), the fastest way each engine takes rows in.</summary>
    private static async Task<double> BulkInsertAsync(ProcessNode node, int rows, DateTimeOffset start)
    {
        var postgres = node.Database.Provider == "Postgres";
        await using DbConnection connection = postgres
            ? new Npgsql.NpgsqlConnection(node.Database.ConnectionString)
            : new Microsoft.Data.Sqlite.SqliteConnection(node.Database.ConnectionString);
        await connection.OpenAsync();
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = postgres
                ? "CREATE TABLE bench_crossings (LIKE \"Crossings\" INCLUDING ALL)"
                : "SELECT sql FROM sqlite_master WHERE name = 'Crossings'";
            if (postgres) await create.ExecuteNonQueryAsync();
            else
            {
                var sql = (string)(await create.ExecuteScalarAsync())!;
                create.CommandText = sql.Replace("\"Crossings\"", "bench_crossings", StringComparison.Ordinal)
                    + "; CREATE INDEX bench_crossings_day ON bench_crossings (\"Party\", \"GatePair\", \"LocalDate\")";
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
            await using var copy = await pg.BeginBinaryImportAsync($"COPY bench_crossings ({columns}) FROM STDIN (FORMAT BINARY)");
            for (var i = 0; i < rows; i++)
            {
                var r = Row(i, start);
                await copy.StartRowAsync();
                await copy.WriteAsync(r.Id, NpgsqlTypes.NpgsqlDbType.Uuid);
                await copy.WriteAsync("VN-09", NpgsqlTypes.NpgsqlDbType.Varchar);
                await copy.WriteAsync("HUUNGHI-YOUYIGUAN", NpgsqlTypes.NpgsqlDbType.Varchar);
                await copy.WriteAsync(r.At.UtcDateTime, NpgsqlTypes.NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(DateOnly.FromDateTime(r.At.DateTime), NpgsqlTypes.NpgsqlDbType.Date);
                await copy.WriteAsync(r.Kind, NpgsqlTypes.NpgsqlDbType.Integer);
                await copy.WriteAsync(0, NpgsqlTypes.NpgsqlDbType.Integer);
                await copy.WriteAsync(r.Purpose, NpgsqlTypes.NpgsqlDbType.Integer);
                await copy.WriteAsync("CN", NpgsqlTypes.NpgsqlDbType.Varchar);
                await copy.WriteAsync(r.Name, NpgsqlTypes.NpgsqlDbType.Varchar);
                await copy.WriteAsync(r.Document, NpgsqlTypes.NpgsqlDbType.Varchar);
                await copy.WriteAsync(true, NpgsqlTypes.NpgsqlDbType.Boolean);
                await copy.WriteAsync(r.Temperature, NpgsqlTypes.NpgsqlDbType.Double);
                await copy.WriteAsync(r.Symptoms, NpgsqlTypes.NpgsqlDbType.Boolean);
                await copy.WriteAsync(r.Test, NpgsqlTypes.NpgsqlDbType.Integer);
                await copy.WriteAsync(r.Decision, NpgsqlTypes.NpgsqlDbType.Integer);
                await copy.WriteAsync("", NpgsqlTypes.NpgsqlDbType.Varchar);
                await copy.WriteAsync(false, NpgsqlTypes.NpgsqlDbType.Boolean);
                await copy.WriteAsync("", NpgsqlTypes.NpgsqlDbType.Varchar);
                await copy.WriteAsync(false, NpgsqlTypes.NpgsqlDbType.Boolean);
                await copy.WriteNullAsync();
                await copy.WriteAsync(batch, NpgsqlTypes.NpgsqlDbType.Uuid);
                await copy.WriteAsync(now.UtcDateTime, NpgsqlTypes.NpgsqlDbType.TimestampTz);
            }
            await copy.CompleteAsync();
        }
        else
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO bench_crossings ({columns}) VALUES ({string.Join(", ", Enumerable.Range(1, 23).Select(i => "$" + i))})";
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
                var r = Row(i, start);
                object[] values = [r.Id.ToString().ToUpperInvariant(), "VN-09", "HUUNGHI-YOUYIGUAN", r.At.UtcTicks, DateOnly.FromDateTime(r.At.DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
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
