using System.ComponentModel.DataAnnotations;
using Borderlink.Sharing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Sqlite (embedded default) or Postgres.</summary>
    [RegularExpression("^(Sqlite|Postgres)$")]
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Apply pending migrations when the app starts (default on for the demo; production runs the migrate verb).</summary>
    public bool MigrateOnStart { get; set; } = true;
}

public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Seed demo parties' agencies and users into an empty database. Refused on PostgreSQL unless set explicitly.</summary>
    public bool? Enabled { get; set; }

    /// <summary>The password every demo user gets.</summary>
    [MinLength(12)]
    public string Password { get; set; } = "Border-Demo-2026!";
}

public static class DataSetup
{
    public const string ConnectionName = "Borderlink";

    private static readonly SqliteWriteAheadLog WriteAheadLog = new();

    public static WebApplicationBuilder AddBorderlinkData(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<Viewer>();
        builder.Services.AddSingleton(TimeProvider.System);

        var provider = builder.Configuration[$"{DatabaseOptions.Section}:Provider"] ?? "Sqlite";
        var connection = builder.Configuration.GetConnectionString(ConnectionName);
        if (string.Equals(provider, "Postgres", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connection))
            {
                throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Borderlink is not set.");
            }
            builder.Services.AddDbContext<BorderlinkDb, PostgresBorderlinkDb>(o => o.UseNpgsql(connection,
                n => n.MigrationsHistoryTable("__EFMigrationsHistory")));
        }
        else
        {
            if (string.IsNullOrWhiteSpace(connection))
            {
                var dataDir = Path.Combine(builder.Environment.ContentRootPath, "data");
                Directory.CreateDirectory(dataDir);
                connection = $"Data Source={Path.Combine(dataDir, "borderlink.db")}";
            }
            builder.Services.AddDbContext<BorderlinkDb, SqliteBorderlinkDb>(o => o.UseSqlite(connection).AddInterceptors(WriteAheadLog));
        }

        builder.Services.AddDataProtection().SetApplicationName("Borderlink").PersistKeysToDbContext<BorderlinkDb>();
        builder.Services.AddHealthChecks().AddDbContextCheck<BorderlinkDb>("database");
        builder.Services.AddScoped<ReferenceSeeder>();
        builder.Services.AddScoped<DemoSeeder>();
        builder.Services.AddScoped<DatabaseStartup>();
        return builder;
    }
}
