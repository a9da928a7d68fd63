using System.Globalization;
using Borderlink.Features.Screening;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Borderlink.Data;

/// <summary>
/// Writes a stream of crossing records the engine's fastest way, skipping ids already present (a batch sent again is
/// not applied twice): inside the caller's transaction (PostgreSQL), or in chunks that commit as they go (SQLite, see
/// <see cref="SqliteCrossingWriter"/>). <see cref="CompleteAsync"/> answers how many rows were new. Disposing without
/// completing abandons what was written (the caller rolls back, or removes the chunks).
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

/// <summary>
/// SQLite: rows are gathered <see cref="ChunkRows"/> at a time, and each chunk is written with one prepared INSERT OR
/// IGNORE per row in a transaction of its own that queues at the write gate like any user's save. SQLite has one writer
/// at a time: a user's save waits for one chunk's writing (tens of milliseconds), never for the whole batch, nor for a
/// gate system that sends slowly (no lock is held while the next rows are awaited). The rows carry a batch still marked
/// receiving, so nobody sees them before the batch is complete (<see cref="CrossingBatch.Receiving"/>);
/// <see cref="RemoveAsync"/> takes back what a refused or interrupted batch had written.
/// </summary>
internal sealed class SqliteCrossingWriter : CrossingWriter
{
    /// <summary>Rows a chunk commits: about 50 ms of writing here, the longest a user's save waits behind a batch.</summary>
    public const int ChunkRows = 5_000;

    private readonly BorderlinkDb _db;
    private readonly SqliteCommand _insert;
    private readonly SqliteParameter[] _p;
    private readonly List<CrossingRecord> _chunk = new(ChunkRows);
    private int _applied;

    private SqliteCrossingWriter(BorderlinkDb db, SqliteCommand insert)
    {
        _db = db;
        _insert = insert;
        _p = Enumerable.Range(1, 23).Select(i => _insert.Parameters.Add(new SqliteParameter("$" + i, null))).ToArray();
    }

    public static async Task<SqliteCrossingWriter> StartAsync(BorderlinkDb db, CancellationToken ct)
    {
        // Open for the whole batch, so that the prepared statement outlives each chunk's transaction.
        await db.Database.OpenConnectionAsync(ct);
        var insert = ((SqliteConnection)db.Database.GetDbConnection()).CreateCommand();
        insert.CommandText = $"INSERT OR IGNORE INTO \"Crossings\" ({Columns}) VALUES ({string.Join(", ", Enumerable.Range(1, 23).Select(i => "$" + i))})";
        return new SqliteCrossingWriter(db, insert);
    }

    public override async ValueTask WriteAsync(CrossingRecord r, CancellationToken ct)
    {
        _chunk.Add(r);
        if (_chunk.Count == ChunkRows) await WriteChunkAsync(ct);
    }

    private async Task WriteChunkAsync(CancellationToken ct)
    {
        using var pass = await _db.EnterWriteGateAsync(ct);
        await using var transaction = await _db.Database.BeginTransactionAsync(ct);
        _insert.Transaction = (SqliteTransaction)transaction.GetDbTransaction();
        foreach (var row in _chunk) Insert(row);
        await transaction.CommitAsync(ct);
        _chunk.Clear();
    }

    public override async Task<int> CompleteAsync(CancellationToken ct)
    {
        if (_chunk.Count > 0) await WriteChunkAsync(ct);
        return _applied;
    }

    /// <summary>Rows not yet written are dropped; the chunks committed before stay until <see cref="RemoveAsync"/>.</summary>
    public override async ValueTask DisposeAsync()
    {
        _chunk.Clear();
        await _insert.DisposeAsync();
        await _db.Database.CloseConnectionAsync();
    }

    private void Insert(CrossingRecord r)
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
    }

    /// <summary>
    /// Deletes the rows of <paramref name="batch"/> among <paramref name="ids"/> (a row another batch stored first keeps
    /// its batch and stays), in chunks through the write gate, then the batch itself; without the ids, every row of the
    /// batch in one statement (a scan: only for a batch an earlier clean-up failed to take back). Each row is found by its
    /// key, the sending party and the id: by the id alone every delete read the whole table (a 15,000-row cut batch took
    /// 8 s of CPU to take back, longer the more crossings the node held). Not cancellable: it is the clean-up.
    /// </summary>
    public static async Task RemoveAsync(BorderlinkDb db, Guid batch, string party, IReadOnlyCollection<Guid>? ids)
    {
        await db.Database.OpenConnectionAsync();
        try
        {
            if (ids is null)
            {
                using var pass = await db.EnterWriteGateAsync(CancellationToken.None);
                await db.Crossings.IgnoreQueryFilters().Where(c => c.Party == party && c.BatchId == batch).ExecuteDeleteAsync();
                ids = [];
            }
            await using var delete = ((SqliteConnection)db.Database.GetDbConnection()).CreateCommand();
            delete.CommandText = "DELETE FROM \"Crossings\" WHERE \"Party\" = $party AND \"Id\" = $id AND \"BatchId\" = $batch";
            var id = delete.Parameters.Add(new SqliteParameter("$id", null));
            delete.Parameters.AddWithValue("$party", party);
            delete.Parameters.AddWithValue("$batch", batch.ToString().ToUpperInvariant());
            foreach (var chunk in ids.Chunk(ChunkRows))
            {
                using var pass = await db.EnterWriteGateAsync(CancellationToken.None);
                await using var transaction = await db.Database.BeginTransactionAsync();
                delete.Transaction = (SqliteTransaction)transaction.GetDbTransaction();
                foreach (var row in chunk)
                {
                    id.Value = row.ToString().ToUpperInvariant();
                    delete.ExecuteNonQuery();
                }
                await transaction.CommitAsync();
            }
            using (var pass = await db.EnterWriteGateAsync(CancellationToken.None))
            {
                await db.CrossingBatches.IgnoreQueryFilters().Where(b => b.Id == batch).ExecuteDeleteAsync();
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

/// <summary>
/// PostgreSQL: binary COPY. Direct: straight into "Crossings" (an id already stored fails the copy with a unique violation).
/// Skipping: into a temporary table dropped at commit, then one INSERT … SELECT … ON CONFLICT DO NOTHING (a party's
/// own id already stored; another party's record with the same id is another key).
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
        insert.CommandText = $"INSERT INTO \"Crossings\" ({Columns}) SELECT {Columns} FROM crossing_batch ON CONFLICT (\"Party\", \"Id\") DO NOTHING";
        insert.CommandTimeout = 600;
        return await insert.ExecuteNonQueryAsync(ct);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_copy is not null) await _copy.DisposeAsync();
    }
}
