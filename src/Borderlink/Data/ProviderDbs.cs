using Borderlink.Features.Audit;
using Borderlink.Sharing;
using Borderlink.Sharing.Exchange;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using NpgsqlTypes;

namespace Borderlink.Data;

/// <summary>The embedded engine. Its migrations live in Data/Migrations/Sqlite.</summary>
public sealed class SqliteBorderlinkDb : BorderlinkDb
{
    public SqliteBorderlinkDb(DbContextOptions<SqliteBorderlinkDb> options, Viewer viewer, TimeProvider clock, SavePipeline pipeline)
        : base(options, viewer, clock, pipeline)
    {
        // Every save in a transaction, even of one statement: its commit is what SqliteCommits counts for the log's
        // group sync (an INSERT … RETURNING on its own would commit only when its reader is closed, after it is counted).
        Database.AutoTransactionBehavior = AutoTransactionBehavior.Always;
    }

    /// <summary>A write first takes SQLite's database lock; the read after it sees the latest head.</summary>
    protected override async Task<AuditHead> LockAuditHeadAsync(CancellationToken ct)
    {
        await Database.ExecuteSqlRawAsync("UPDATE AuditHeads SET LastSeq = LastSeq WHERE Id = 1", ct);
        return await AuditHeads.SingleAsync(h => h.Id == 1, ct);
    }

    /// <summary>
    /// INSERTs of eight rows each. (Measured with the import bench, when it also wrote a table of figures: 64 rows a
    /// statement took about twice as long as 8; between 1 and 16 the difference was within the noise.)
    /// </summary>
    private protected override Task BulkInsertAsync<T>(BulkInserts.Table table, IReadOnlyList<T> rows, Func<T, IProperty, object?> value, CancellationToken ct) =>
        BulkInserts.InsertAsync(this, table, rows, value, rowsPerStatement: 8, ct);

    /// <summary>SQLite serves one instance: its senders are kept apart in memory, and a claim writes nothing.</summary>
    protected override bool ClaimsNeedLease => false;

    protected override IQueryable<OutboxMessage> DueOutbox(DateTimeOffset now, int count) =>
        OutboxMessages.Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now && (m.LeaseUntil == null || m.LeaseUntil <= now))
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Take(count);

    public override async Task<CrossingWriter> BeginCrossingsAsync(bool direct, CancellationToken ct) => await SqliteCrossingWriter.StartAsync(this, ct);

    /// <summary>INSERT OR IGNORE costs what INSERT costs here: one path.</summary>
    public override bool CrossingsHaveDirectPath => false;

    /// <summary>One writer at a time: a batch in one transaction would hold every user's save for as long as it takes.</summary>
    public override bool CrossingsCommitInChunks => true;

    public override Task RemoveCrossingBatchAsync(Guid batch, string party, IReadOnlyCollection<Guid>? ids) => SqliteCrossingWriter.RemoveAsync(this, batch, party, ids);

    public override bool IsUniqueViolation(System.Data.Common.DbException e) => e is SqliteException { SqliteErrorCode: 19 };

    /// <summary>SQLITE_BUSY and SQLITE_LOCKED: another connection held the database past the busy timeout.</summary>
    public override bool IsBusy(System.Data.Common.DbException e) => e is SqliteException { SqliteErrorCode: 5 or 6 };

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite has no date-time type: store UTC ticks as integers so ordering and comparison run in SQL.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
    }
}

/// <summary>Stores an instant as its UTC ticks: full precision, and SQL ordering is time ordering.</summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));

/// <summary>The production engine. Its migrations live in Data/Migrations/Postgres.</summary>
public sealed class PostgresBorderlinkDb(DbContextOptions<PostgresBorderlinkDb> options, Viewer viewer, TimeProvider clock, SavePipeline pipeline)
    : BorderlinkDb(options, viewer, clock, pipeline)
{
    /// <summary>Lock and read in one round trip.</summary>
    protected override Task<AuditHead> LockAuditHeadAsync(CancellationToken ct) =>
        AuditHeads.FromSql($"SELECT * FROM \"AuditHeads\" WHERE \"Id\" = 1 FOR UPDATE").SingleAsync(ct);

    public override async Task<CrossingWriter> BeginCrossingsAsync(bool direct, CancellationToken ct) => await PostgresCrossingWriter.StartAsync(this, direct, ct);

    /// <summary>COPY straight into the table is about twice as fast as COPY into a temporary table and INSERT … ON CONFLICT.</summary>
    public override bool CrossingsHaveDirectPath => true;

    /// <summary>Readers and other writers do not wait on a transaction's new rows here: a batch is one transaction.</summary>
    public override bool CrossingsCommitInChunks => false;

    public override Task RemoveCrossingBatchAsync(Guid batch, string party, IReadOnlyCollection<Guid>? ids) => Task.CompletedTask;

    public override bool IsUniqueViolation(System.Data.Common.DbException e) => e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <summary>A lock not granted in time, a deadlock broken by the server, a serialization failure: the write can be tried again.</summary>
    public override bool IsBusy(System.Data.Common.DbException e) => e is PostgresException
    {
        SqlState: PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure,
    };

    /// <summary>Binary COPY, PostgreSQL's fastest way in, each column written as the type it has in the table.</summary>
    private protected override async Task BulkInsertAsync<T>(BulkInserts.Table table, IReadOnlyList<T> rows, Func<T, IProperty, object?> value, CancellationToken ct)
    {
        var types = table.Columns.Select(c => CopyType(c.Mapping.StoreType)).ToArray();
        var connection = (NpgsqlConnection)Database.GetDbConnection();
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY " + table.Delimited(this.GetService<ISqlGenerationHelper>()) + " FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await copy.StartRowAsync(ct);
            for (var c = 0; c < types.Length; c++)
            {
                var column = table.Columns[c];
                if (column.Stored(value(row, column.Property)) is { } stored) await copy.WriteAsync(stored, types[c], ct);
                else await copy.WriteNullAsync(ct);
            }
        }
        await copy.CompleteAsync(ct);
    }

    /// <summary>The binary type COPY writes for a column type; a column of any other type is refused, loudly, at the first bulk write.</summary>
    private static NpgsqlDbType CopyType(string storeType) => storeType switch
    {
        "text" => NpgsqlDbType.Text,
        _ when storeType.StartsWith("character varying", StringComparison.Ordinal) => NpgsqlDbType.Varchar,
        "uuid" => NpgsqlDbType.Uuid,
        "integer" => NpgsqlDbType.Integer,
        "bigint" => NpgsqlDbType.Bigint,
        "smallint" => NpgsqlDbType.Smallint,
        "boolean" => NpgsqlDbType.Boolean,
        "date" => NpgsqlDbType.Date,
        "timestamp with time zone" => NpgsqlDbType.TimestampTz,
        "double precision" => NpgsqlDbType.Double,
        _ => throw new NotSupportedException($"A column of type {storeType} is not written in bulk."),
    };

    /// <summary>Several instances may share a PostgreSQL database: a claim is a lease, written.</summary>
    protected override bool ClaimsNeedLease => true;

    /// <summary>Rows another instance has locked are skipped, not waited for (FOR UPDATE SKIP LOCKED).</summary>
    protected override IQueryable<OutboxMessage> DueOutbox(DateTimeOffset now, int count) =>
        OutboxMessages.FromSql(
            $"SELECT * FROM \"OutboxMessages\" WHERE \"Status\" = {OutboxStatus.Pending} AND \"NextAttemptAt\" <= {now} AND (\"LeaseUntil\" IS NULL OR \"LeaseUntil\" <= {now}) ORDER BY \"NextAttemptAt\", \"Id\" LIMIT {count} FOR UPDATE SKIP LOCKED");
}
