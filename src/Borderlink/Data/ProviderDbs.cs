using System.Globalization;
using Borderlink.Features.Audit;
using Borderlink.Features.Situation;
using Borderlink.Sharing;
using Borderlink.Sharing.Exchange;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
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

    /// <summary>SQLite serves one instance: its write transaction alone keeps claims apart.</summary>
    protected override IQueryable<OutboxMessage> DueOutbox(DateTimeOffset now, int count) =>
        OutboxMessages.Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Take(count);

    public override Task<CrossingWriter> BeginCrossingsAsync(bool direct, CancellationToken ct) => Task.FromResult<CrossingWriter>(new SqliteCrossingWriter(this));

    /// <summary>INSERT OR IGNORE costs what INSERT costs here: one path.</summary>
    public override bool CrossingsHaveDirectPath => false;

    public override bool IsUniqueViolation(System.Data.Common.DbException e) => e is SqliteException { SqliteErrorCode: 19 };

    /// <summary>One prepared INSERT run per row inside the save's transaction: SQLite's fastest way in.</summary>
    public override Task BulkInsertFactsAsync(IReadOnlyList<SituationFact> facts, CancellationToken ct)
    {
        if (facts.Count == 0) return Task.CompletedTask;
        var connection = (SqliteConnection)Database.GetDbConnection();
        using var insert = connection.CreateCommand();
        insert.Transaction = (SqliteTransaction?)Database.CurrentTransaction?.GetDbTransaction();
        insert.CommandText = "INSERT INTO \"SituationFacts\" (" + FactColumns + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)";
        var p = Enumerable.Range(1, 13).Select(i => insert.Parameters.Add(new SqliteParameter("$" + i, null))).ToArray();
        insert.Prepare();
        string? reportId = null;
        var lastReport = Guid.Empty;
        foreach (var f in facts)
        {
            ct.ThrowIfCancellationRequested();
            if (f.ReportId != lastReport)
            {
                lastReport = f.ReportId;
                reportId = f.ReportId.ToString().ToUpperInvariant();
            }
            // The same text EF Core's SQLite provider writes: upper-case GUIDs, ISO dates, 0/1 booleans. The key is the rowid.
            p[0].Value = reportId;
            p[1].Value = f.OwnerParty;
            p[2].Value = f.Country;
            p[3].Value = (int)f.PeriodKind;
            p[4].Value = f.PeriodStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            p[5].Value = f.Disease;
            p[6].Value = f.Place;
            p[7].Value = f.IsPartyTotal ? 1 : 0;
            p[8].Value = f.NewCases;
            p[9].Value = f.Deaths;
            p[10].Value = (object?)f.Tests ?? DBNull.Value;
            p[11].Value = (object?)f.ImportedCases ?? DBNull.Value;
            p[12].Value = (object?)f.InQuarantine ?? DBNull.Value;
            // Microsoft.Data.Sqlite runs statements synchronously anyway; the async form would only add a task per row.
            insert.ExecuteNonQuery();
        }
        return Task.CompletedTask;
    }

    internal const string FactColumns = "\"ReportId\", \"OwnerParty\", \"Country\", \"PeriodKind\", \"PeriodStart\", \"Disease\", \"Place\", "
        + "\"IsPartyTotal\", \"NewCases\", \"Deaths\", \"Tests\", \"ImportedCases\", \"InQuarantine\"";

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
    public override async Task BulkInsertFactsAsync(IReadOnlyList<SituationFact> facts, CancellationToken ct)
    {
        if (facts.Count == 0) return;
        var connection = (NpgsqlConnection)Database.GetDbConnection();
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY \"SituationFacts\" (" + SqliteBorderlinkDb.FactColumns + ") FROM STDIN (FORMAT BINARY)", ct);
        foreach (var f in facts)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(f.ReportId, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(f.OwnerParty, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(f.Country, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync((int)f.PeriodKind, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(f.PeriodStart, NpgsqlDbType.Date, ct);
            await copy.WriteAsync(f.Disease, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(f.Place, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(f.IsPartyTotal, NpgsqlDbType.Boolean, ct);
            await copy.WriteAsync(f.NewCases, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(f.Deaths, NpgsqlDbType.Integer, ct);
            await WriteNullableAsync(copy, f.Tests, ct);
            await WriteNullableAsync(copy, f.ImportedCases, ct);
            await WriteNullableAsync(copy, f.InQuarantine, ct);
        }
        await copy.CompleteAsync(ct);
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter copy, int? value, CancellationToken ct) =>
        value is { } v ? copy.WriteAsync(v, NpgsqlDbType.Integer, ct) : copy.WriteNullAsync(ct);

    /// <summary>Rows another instance has locked are skipped, not waited for (FOR UPDATE SKIP LOCKED).</summary>
    protected override IQueryable<OutboxMessage> DueOutbox(DateTimeOffset now, int count) =>
        OutboxMessages.FromSql(
            $"SELECT * FROM \"OutboxMessages\" WHERE \"Status\" = {OutboxStatus.Pending} AND \"NextAttemptAt\" <= {now} ORDER BY \"NextAttemptAt\", \"Id\" LIMIT {count} FOR UPDATE SKIP LOCKED");
}
