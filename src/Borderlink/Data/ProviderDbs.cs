using Borderlink.Features.Audit;
using Borderlink.Features.Situation;
using Borderlink.Sharing;
using Borderlink.Sharing.Exchange;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using NpgsqlTypes;

namespace Borderlink.Data;

/// <summary>The embedded engine. Its migrations live in Data/Migrations/Sqlite.</summary>
public sealed class SqliteBorderlinkDb(DbContextOptions<SqliteBorderlinkDb> options, Viewer viewer, TimeProvider clock, LocalNode node)
    : BorderlinkDb(options, viewer, clock, node)
{
    /// <summary>A write first takes SQLite's database lock; the read after it sees the latest head.</summary>
    protected override async Task<AuditHead> LockAuditHeadAsync(CancellationToken ct)
    {
        await Database.ExecuteSqlRawAsync("UPDATE AuditHeads SET LastSeq = LastSeq WHERE Id = 1", ct);
        return await AuditHeads.SingleAsync(h => h.Id == 1, ct);
    }

    /// <summary>INSERTs of eight rows each: as with the figures, more rows a statement were no faster here.</summary>
    private protected override Task BulkInsertAsync(BulkInserts.Table table, IReadOnlyList<EntityEntry> entries, CancellationToken ct) =>
        BulkInserts.InsertAsync(this, table, entries, rowsPerStatement: 8, ct);

    /// <summary>SQLite serves one instance: its senders are kept apart in memory, and a claim writes nothing.</summary>
    protected override bool ClaimsNeedLease => false;

    protected override IQueryable<OutboxMessage> DueOutbox(DateTimeOffset now, int count) =>
        OutboxMessages.Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Take(count);

    public override Task<CrossingWriter> BeginCrossingsAsync(bool direct, CancellationToken ct) => Task.FromResult<CrossingWriter>(new SqliteCrossingWriter(this));

    /// <summary>INSERT OR IGNORE costs what INSERT costs here: one path.</summary>
    public override bool CrossingsHaveDirectPath => false;

    public override bool IsUniqueViolation(System.Data.Common.DbException e) => e is SqliteException { SqliteErrorCode: 19 };

    /// <summary>
    /// Prepared INSERTs of eight rows each, inside the save's transaction. (Measured with the import bench: 64 rows a
    /// statement took about twice as long as 8; between 1 and 16 the difference was within the noise.)
    /// </summary>
    public override Task BulkInsertFiguresAsync(IReadOnlyList<SituationFigure> figures, CancellationToken ct)
    {
        const int RowsPerStatement = 8;
        if (figures.Count == 0) return Task.CompletedTask;
        var connection = (SqliteConnection)Database.GetDbConnection();
        var transaction = (SqliteTransaction?)Database.CurrentTransaction?.GetDbTransaction();
        SqliteCommand? full = null;
        string? reportId = null;
        var lastReport = Guid.Empty;
        try
        {
            for (var start = 0; start < figures.Count; start += RowsPerStatement)
            {
                ct.ThrowIfCancellationRequested();
                var count = Math.Min(RowsPerStatement, figures.Count - start);
                var insert = count == RowsPerStatement ? full ??= Prepare(count) : Prepare(count);
                for (var i = 0; i < count; i++)
                {
                    var f = figures[start + i];
                    if (f.ReportId != lastReport)
                    {
                        lastReport = f.ReportId;
                        // The text EF Core's SQLite provider writes for a GUID.
                        reportId = f.ReportId.ToString().ToUpperInvariant();
                    }
                    var p = insert.Parameters;
                    var at = i * FigureColumnCount;
                    p[at].Value = reportId;
                    p[at + 1].Value = f.Disease;
                    p[at + 2].Value = f.NewCases;
                    p[at + 3].Value = f.Deaths;
                    p[at + 4].Value = f.Tests;
                    p[at + 5].Value = f.ImportedCases;
                    p[at + 6].Value = f.InQuarantine;
                }
                // Microsoft.Data.Sqlite runs statements synchronously anyway; the async form would only add a task per statement.
                insert.ExecuteNonQuery();
                if (insert != full) insert.Dispose();
            }
        }
        finally
        {
            full?.Dispose();
        }
        return Task.CompletedTask;

        SqliteCommand Prepare(int rows)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            var values = Enumerable.Range(0, rows)
                .Select(r => "(" + string.Join(", ", Enumerable.Range(r * FigureColumnCount + 1, FigureColumnCount).Select(n => "$" + n)) + ")");
            command.CommandText = "INSERT INTO \"SituationFigures\" (" + FigureColumns + ") VALUES " + string.Join(", ", values);
            for (var n = 1; n <= rows * FigureColumnCount; n++) command.Parameters.Add(new SqliteParameter("$" + n, null));
            command.Prepare();
            return command;
        }
    }

    internal const string FigureColumns = "\"ReportId\", \"Disease\", \"NewCases\", \"Deaths\", \"Tests\", \"ImportedCases\", \"InQuarantine\"";
    private const int FigureColumnCount = 7;

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
public sealed class PostgresBorderlinkDb(DbContextOptions<PostgresBorderlinkDb> options, Viewer viewer, TimeProvider clock, LocalNode node)
    : BorderlinkDb(options, viewer, clock, node)
{
    /// <summary>Lock and read in one round trip.</summary>
    protected override Task<AuditHead> LockAuditHeadAsync(CancellationToken ct) =>
        AuditHeads.FromSql($"SELECT * FROM \"AuditHeads\" WHERE \"Id\" = 1 FOR UPDATE").SingleAsync(ct);

    public override async Task<CrossingWriter> BeginCrossingsAsync(bool direct, CancellationToken ct) => await PostgresCrossingWriter.StartAsync(this, direct, ct);

    /// <summary>COPY straight into the table is about twice as fast as COPY into a temporary table and INSERT … ON CONFLICT.</summary>
    public override bool CrossingsHaveDirectPath => true;

    public override bool IsUniqueViolation(System.Data.Common.DbException e) => e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <summary>Binary COPY inside the save's transaction: PostgreSQL's fastest way in.</summary>
    public override async Task BulkInsertFiguresAsync(IReadOnlyList<SituationFigure> figures, CancellationToken ct)
    {
        if (figures.Count == 0) return;
        var connection = (NpgsqlConnection)Database.GetDbConnection();
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY \"SituationFigures\" (" + SqliteBorderlinkDb.FigureColumns + ") FROM STDIN (FORMAT BINARY)", ct);
        foreach (var f in figures)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(f.ReportId, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(f.Disease, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(f.NewCases, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(f.Deaths, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(f.Tests, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(f.ImportedCases, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(f.InQuarantine, NpgsqlDbType.Integer, ct);
        }
        await copy.CompleteAsync(ct);
    }

    /// <summary>Binary COPY, each column written as the type it has in the table.</summary>
    private protected override async Task BulkInsertAsync(BulkInserts.Table table, IReadOnlyList<EntityEntry> entries, CancellationToken ct)
    {
        var types = table.Columns.Select(c => CopyType(c.Mapping.StoreType)).ToArray();
        var connection = (NpgsqlConnection)Database.GetDbConnection();
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY " + table.Delimited(this.GetService<ISqlGenerationHelper>()) + " FROM STDIN (FORMAT BINARY)", ct);
        foreach (var entry in entries)
        {
            await copy.StartRowAsync(ct);
            for (var c = 0; c < types.Length; c++)
            {
                if (table.Columns[c].StoredValue(entry) is { } value) await copy.WriteAsync(value, types[c], ct);
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
            $"SELECT * FROM \"OutboxMessages\" WHERE \"Status\" = {OutboxStatus.Pending} AND \"NextAttemptAt\" <= {now} ORDER BY \"NextAttemptAt\", \"Id\" LIMIT {count} FOR UPDATE SKIP LOCKED");
}
