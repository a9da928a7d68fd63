using Borderlink.Sharing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Borderlink.Data;

/// <summary>The embedded engine. Its migrations live in Data/Migrations/Sqlite.</summary>
public sealed class SqliteBorderlinkDb(DbContextOptions<SqliteBorderlinkDb> options, Viewer viewer, TimeProvider clock)
    : BorderlinkDb(options, viewer, clock)
{
    protected override string LockAuditHeadSql => "UPDATE AuditHeads SET LastSeq = LastSeq WHERE Id = 1";

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
public sealed class PostgresBorderlinkDb(DbContextOptions<PostgresBorderlinkDb> options, Viewer viewer, TimeProvider clock)
    : BorderlinkDb(options, viewer, clock)
{
    protected override string LockAuditHeadSql => "UPDATE \"AuditHeads\" SET \"LastSeq\" = \"LastSeq\" WHERE \"Id\" = 1";
}
