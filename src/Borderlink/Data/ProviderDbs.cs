using Borderlink.Features.Audit;
using Borderlink.Sharing;
using Borderlink.Sharing.Exchange;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

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

    /// <summary>Rows another instance has locked are skipped, not waited for (FOR UPDATE SKIP LOCKED).</summary>
    protected override IQueryable<OutboxMessage> DueOutbox(DateTimeOffset now, int count) =>
        OutboxMessages.FromSql(
            $"SELECT * FROM \"OutboxMessages\" WHERE \"Status\" = {OutboxStatus.Pending} AND \"NextAttemptAt\" <= {now} ORDER BY \"NextAttemptAt\", \"Id\" LIMIT {count} FOR UPDATE SKIP LOCKED");
}
