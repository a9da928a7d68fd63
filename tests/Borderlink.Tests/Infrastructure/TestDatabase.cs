using Npgsql;

namespace Borderlink.Tests.Infrastructure;

/// <summary>
/// The database engine a test run uses: SQLite by default, PostgreSQL when BORDERLINK_TEST_DB=postgres. The test
/// command runs the whole suite once on each. Every app instance gets a database of its own.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public static bool IsPostgres => string.Equals(Environment.GetEnvironmentVariable("BORDERLINK_TEST_DB"), "postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>A role with CREATEDB on a local cluster (the test command creates it).</summary>
    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("BORDERLINK_TEST_PG") ?? "Host=127.0.0.1;Port=5432;Username=borderlink;Password=borderlink;Database=postgres";

    public string Provider { get; }
    public string ConnectionString { get; }
    private readonly string _name;

    private TestDatabase(string provider, string connectionString, string name)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _name = name;
    }

    public static async Task<TestDatabase> CreateAsync()
    {
        var name = "bl_test_" + Guid.NewGuid().ToString("N")[..12];
        if (!IsPostgres)
        {
            var path = Path.Combine(Path.GetTempPath(), name + ".db");
            return new TestDatabase("Sqlite", $"Data Source={path}", path);
        }
        await using (var admin = new NpgsqlConnection(AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name };
        return new TestDatabase("Postgres", builder.ConnectionString, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (Provider == "Sqlite")
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(_name + suffix);
            }
            return;
        }
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(AdminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", admin);
        // After a heavy test an autovacuum worker (a superuser's process this role may not end) can still be in the
        // database for a moment; the drop is tried again, and a database left behind in the throw-away cluster of
        // test.sh is harmless — cleaning up never fails a test.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (e.SqlState is "42501" or "55006")
            {
                if (attempt == 10) return;
                await Task.Delay(500);
            }
        }
    }
}
