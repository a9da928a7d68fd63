using Borderlink.Web;
using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography.X509Certificates;
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

    /// <summary>
    /// PostgreSQL: how many saves of one instance write at once (more queue in the instance, holding no connection).
    /// SQLite writes one at a time whatever this says.
    /// </summary>
    [Range(1, 256)]
    public int MaxConcurrentWrites { get; set; } = 16;
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

/// <summary>
/// How the data-protection key ring (it protects sign-in cookies and this node's private keys) is kept at rest. The
/// ring lives in the database; without a certificate its keys are stored there in clear, so anyone who can read the
/// database can read what they protect. With one, each key is encrypted to the certificate's public key and read back
/// with its private key, which stays outside the database (a file the service account alone can read).
/// </summary>
public sealed class KeyRingOptions
{
    public const string Section = "DataProtection";

    /// <summary>A PKCS#12 (.pfx) file with an RSA certificate and its private key; new keys are encrypted to it.</summary>
    public string? CertificatePath { get; set; }
    public string? CertificatePassword { get; set; }

    /// <summary>Certificates replaced by <see cref="CertificatePath"/>: still used to read keys encrypted to them.</summary>
    public List<KeyRingCertificate> PreviousCertificates { get; set; } = [];

    public sealed class KeyRingCertificate
    {
        [Required]
        public string Path { get; set; } = "";
        public string? Password { get; set; }
    }
}

public static class DataSetup
{
    public const string ConnectionName = "Borderlink";

    public static WebApplicationBuilder AddBorderlinkData(this WebApplicationBuilder builder)
    {
        builder.Services.AddSettings<DatabaseOptions>(DatabaseOptions.Section);
        builder.Services.AddSettings<DemoOptions>(DemoOptions.Section);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<Viewer>();
        builder.Services.AddSavePipeline();
        builder.Services.AddSingleton(TimeProvider.System);

        // The context's options are built once (they depend on nothing a request has), not per request: building them
        // was a tenth of what a write allocated (measured with bench write-contention and dotnet-trace's gc-verbose profile).
        var provider = builder.Configuration[$"{DatabaseOptions.Section}:Provider"] ?? "Sqlite";
        var connection = builder.Configuration.GetConnectionString(ConnectionName);
        if (string.Equals(provider, "Postgres", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connection))
            {
                throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Borderlink is not set.");
            }
            connection = PostgresConnection.WithDefaults(connection);
            builder.Services.AddDbContext<BorderlinkDb, PostgresBorderlinkDb>(o => o.UseNpgsql(connection,
                n => n.MigrationsHistoryTable("__EFMigrationsHistory")), optionsLifetime: ServiceLifetime.Singleton);
            builder.Services.AddSingleton(_ => DurableCommits.EngineSynced());
        }
        else
        {
            if (string.IsNullOrWhiteSpace(connection))
            {
                var dataDir = Path.Combine(builder.Environment.ContentRootPath, "data");
                Directory.CreateDirectory(dataDir);
                connection = $"Data Source={Path.Combine(dataDir, "borderlink.db")}";
            }
            var commits = DurableCommits.ForSqlite(connection);
            builder.Services.AddSingleton(_ => commits); // made here, owned (and disposed) by the container
            builder.Services.AddDbContext<BorderlinkDb, SqliteBorderlinkDb>(
                o => o.UseSqlite(connection).AddInterceptors(new SqliteWriteAheadLog(commits), new SqliteCommits(commits)),
                optionsLifetime: ServiceLifetime.Singleton);
            builder.Services.AddSingleton<SqliteNodeLock>();
        }

        var protection = builder.Services.AddDataProtection().SetApplicationName("Borderlink").PersistKeysToDbContext<BorderlinkDb>();
        builder.Services.AddSettings<KeyRingOptions>(KeyRingOptions.Section);
        var keyRing = builder.Configuration.GetSection(KeyRingOptions.Section).Get<KeyRingOptions>() ?? new KeyRingOptions();
        if (!string.IsNullOrWhiteSpace(keyRing.CertificatePath))
        {
            // Loaded here, at start: a missing file or a wrong password stops the node instead of it writing keys in clear.
            protection.ProtectKeysWithCertificate(LoadCertificate(keyRing.CertificatePath, keyRing.CertificatePassword));
            protection.UnprotectKeysWithAnyCertificate([.. keyRing.PreviousCertificates.Select(c => LoadCertificate(c.Path, c.Password))]);
        }
        builder.Services.AddHealthChecks().AddDbContextCheck<BorderlinkDb>("database");
        builder.Services.AddScoped<ReferenceSeeder>();
        builder.Services.AddScoped<DemoSeeder>();
        builder.Services.AddScoped<DatabaseStartup>();
        return builder;
    }

    private static X509Certificate2 LoadCertificate(string path, string? password)
    {
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        using var key = certificate.GetRSAPrivateKey();
        if (key is null)
        {
            throw new InvalidOperationException($"DataProtection: {path} holds no RSA private key; the key ring cannot be read back with it.");
        }
        return certificate;
    }
}
