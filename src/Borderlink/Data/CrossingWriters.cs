using System.Globalization;
using Borderlink.Features.Screening;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Borderlink.Data;

/// <summary>
/// Writes a stream of crossing records inside the caller's transaction, the engine's fastest way, skipping ids already
/// present (a batch sent again is not applied twice). <see cref="CompleteAsync"/> answers how many rows were new.
/// Disposing without completing abandons what was written (the caller rolls back).
/// </summary>
public abstract class CrossingWriter : IAsyncDisposable
{
    internal const string Columns = "\"Id\", \"Party\", \"GatePair\", \"OccurredAt\", \"LocalDate\", \"Kind\", \"Direction\", \"Purpose\", \"Nationality\", "
        + "\"TravellerName\", \"DocumentNumber\", \"HealthDeclaration\", \"TemperatureC\", \"Symptoms\", \"Test\", \"Decision\", \"VehiclePlate\", "
        + "\"Disinfected\", \"Goods\", \"Sampled\", \"PermitId\", \"BatchId\", \"RecordedAt\"";

    public abstract ValueTask WriteAsync(CrossingRecord r, CancellationToken ct);

    public abstract Task<int> CompleteAsync(CancellationToken ct);

    public abstract ValueTask DisposeAsync();
}

/// <summary>SQLite: one prepared INSERT OR IGNORE per row in the open transaction.</summary>
internal sealed class SqliteCrossingWriter : CrossingWriter
{
    private readonly SqliteCommand _insert;
    private readonly SqliteParameter[] _p;
    private int _applied;

    public SqliteCrossingWriter(DbContext db)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        _insert = connection.CreateCommand();
        _insert.Transaction = (SqliteTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
        _insert.CommandText = $"INSERT OR IGNORE INTO \"Crossings\" ({Columns}) VALUES ({string.Join(", ", Enumerable.Range(1, 23).Select(i => "$" + i))})";
        _p = Enumerable.Range(1, 23).Select(i => _insert.Parameters.Add(new SqliteParameter("$" + i, null))).ToArray();
        _insert.Prepare();
    }

    public override ValueTask WriteAsync(CrossingRecord r, CancellationToken ct)
    {
        // The same text EF Core's SQLite provider writes: upper-case GUIDs, ISO dates, UTC ticks for instants, 0/1 booleans.
        _p[0].Value = r.Id.ToString().ToUpperInvariant();
        _p[1].Value = r.Party;
        _p[2].Value = r.GatePair;
        _p[3].Value = r.OccurredAt.UtcTicks;
        _p[4].Value = r.LocalDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        _p[5].Value = (int)r.Kind;
        _p[6].Value = (int)r.Direction;
        _p[7].Value = (int)r.Purpose;
        _p[8].Value = r.Nationality;
        _p[9].Value = r.TravellerName;
        _p[10].Value = r.DocumentNumber;
        _p[11].Value = r.HealthDeclaration ? 1 : 0;
        _p[12].Value = (object?)r.TemperatureC ?? DBNull.Value;
        _p[13].Value = r.Symptoms ? 1 : 0;
        _p[14].Value = (int)r.Test;
        _p[15].Value = (int)r.Decision;
        _p[16].Value = r.VehiclePlate;
        _p[17].Value = r.Disinfected ? 1 : 0;
        _p[18].Value = r.Goods;
        _p[19].Value = r.Sampled ? 1 : 0;
        _p[20].Value = r.PermitId is { } permit ? permit.ToString().ToUpperInvariant() : DBNull.Value;
        _p[21].Value = r.BatchId.ToString().ToUpperInvariant();
        _p[22].Value = r.RecordedAt.UtcTicks;
        _applied += _insert.ExecuteNonQuery();
        return ValueTask.CompletedTask;
    }

    public override Task<int> CompleteAsync(CancellationToken ct) => Task.FromResult(_applied);

    public override ValueTask DisposeAsync()
    {
        _insert.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// PostgreSQL: binary COPY. Direct: straight into "Crossings" (an id already stored fails the copy with a unique violation).
/// Skipping: into a temporary table dropped at commit, then one INSERT … SELECT … ON CONFLICT DO NOTHING.
/// </summary>
internal sealed class PostgresCrossingWriter : CrossingWriter
{
    private readonly NpgsqlConnection _connection;
    private readonly bool _direct;
    private NpgsqlBinaryImporter? _copy;

    private PostgresCrossingWriter(NpgsqlConnection connection, bool direct)
    {
        _connection = connection;
        _direct = direct;
    }

    public static async Task<PostgresCrossingWriter> StartAsync(DbContext db, bool direct, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (!direct)
        {
            await using var create = connection.CreateCommand();
            create.CommandText = "CREATE TEMP TABLE IF NOT EXISTS crossing_batch (LIKE \"Crossings\" INCLUDING DEFAULTS) ON COMMIT DROP";
            await create.ExecuteNonQueryAsync(ct);
        }
        var writer = new PostgresCrossingWriter(connection, direct);
        writer._copy = await connection.BeginBinaryImportAsync($"COPY {(direct ? "\"Crossings\"" : "crossing_batch")} ({Columns}) FROM STDIN (FORMAT BINARY)", ct);
        return writer;
    }

    /// <summary>Rows go into the importer's buffer synchronously (it flushes every few kilobytes): one await per row would cost more than the row.</summary>
    public override ValueTask WriteAsync(CrossingRecord r, CancellationToken ct)
    {
        var copy = _copy!;
        copy.StartRow();
        copy.Write(r.Id, NpgsqlDbType.Uuid);
        copy.Write(r.Party, NpgsqlDbType.Varchar);
        copy.Write(r.GatePair, NpgsqlDbType.Varchar);
        copy.Write(r.OccurredAt.UtcDateTime, NpgsqlDbType.TimestampTz);
        copy.Write(r.LocalDate, NpgsqlDbType.Date);
        copy.Write((int)r.Kind, NpgsqlDbType.Integer);
        copy.Write((int)r.Direction, NpgsqlDbType.Integer);
        copy.Write((int)r.Purpose, NpgsqlDbType.Integer);
        copy.Write(r.Nationality, NpgsqlDbType.Varchar);
        copy.Write(r.TravellerName, NpgsqlDbType.Varchar);
        copy.Write(r.DocumentNumber, NpgsqlDbType.Varchar);
        copy.Write(r.HealthDeclaration, NpgsqlDbType.Boolean);
        if (r.TemperatureC is { } t) copy.Write(t, NpgsqlDbType.Double);
        else copy.WriteNull();
        copy.Write(r.Symptoms, NpgsqlDbType.Boolean);
        copy.Write((int)r.Test, NpgsqlDbType.Integer);
        copy.Write((int)r.Decision, NpgsqlDbType.Integer);
        copy.Write(r.VehiclePlate, NpgsqlDbType.Varchar);
        copy.Write(r.Disinfected, NpgsqlDbType.Boolean);
        copy.Write(r.Goods, NpgsqlDbType.Varchar);
        copy.Write(r.Sampled, NpgsqlDbType.Boolean);
        if (r.PermitId is { } permit) copy.Write(permit, NpgsqlDbType.Uuid);
        else copy.WriteNull();
        copy.Write(r.BatchId, NpgsqlDbType.Uuid);
        copy.Write(r.RecordedAt.UtcDateTime, NpgsqlDbType.TimestampTz);
        return ValueTask.CompletedTask;
    }

    public override async Task<int> CompleteAsync(CancellationToken ct)
    {
        var copied = await _copy!.CompleteAsync(ct);
        await _copy.DisposeAsync();
        _copy = null;
        if (_direct) return (int)copied;
        await using var insert = _connection.CreateCommand();
        insert.CommandText = $"INSERT INTO \"Crossings\" ({Columns}) SELECT {Columns} FROM crossing_batch ON CONFLICT (\"Id\") DO NOTHING";
        insert.CommandTimeout = 600;
        return await insert.ExecuteNonQueryAsync(ct);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_copy is not null) await _copy.DisposeAsync();
    }
}
