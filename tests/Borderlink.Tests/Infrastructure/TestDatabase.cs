using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Borderlink.Tests.Infrastructure;

/// <summary>
/// The database engine a test run uses: SQLite by default, PostgreSQL when BORDERLINK_TEST_DB=postgres. The test
/// command runs the whole suite once on each. Every app instance gets a database of its own: empty, or a copy of a
/// template that an app migrated and seeded once in this run (a SQLite file copy; PostgreSQL's
/// <c>CREATE DATABASE … TEMPLATE</c>), which saves each app the migration and the demo seeding.
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

    public static async Task<TestDatabase> CreateAsync() => await CreateAsync(null);

    private static async Task<TestDatabase> CreateAsync(TestDatabase? template)
    {
        var name = "bl_test_" + Guid.NewGuid().ToString("N")[..12];
        if (!IsPostgres)
        {
            var path = Path.Combine(Path.GetTempPath(), name + ".db");
            if (template is not null) File.Copy(template._name, path);
            return new TestDatabase("Sqlite", $"Data Source={path}", path);
        }
        await using (var admin = new NpgsqlConnection(AdminConnectionString))
        {
            await admin.OpenAsync();
            // PostgreSQL's default strategy (15+: the copy written through the WAL). FILE_COPY, used before, checkpoints the
            // whole cluster twice per copy; a whole PostgreSQL suite on a fresh cluster cost the server 94 s of CPU with it
            // against 79 s with the default. Copies timed alone do not decide it on this machine: one day 20 copies of the
            // 11 MB template took 115 ms each with FILE_COPY against 56 ms, another day 35 ms against 136 ms, and single
            // copies ranged 35-550 ms of server CPU with either strategy.
            var sql = template is null ? $"CREATE DATABASE \"{name}\"" : $"CREATE DATABASE \"{name}\" TEMPLATE \"{template._name}\"";
            await using var create = new NpgsqlCommand(sql, admin);
            // Copies of one template are made one at a time: PostgreSQL refuses a copy while anything else uses the template.
            await CopyGate.WaitAsync();
            try
            {
                await create.ExecuteNonQueryAsync();
            }
            finally
            {
                CopyGate.Release();
            }
        }
        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name };
        return new TestDatabase("Postgres", builder.ConnectionString, name);
    }

    private static readonly SemaphoreSlim CopyGate = new(1, 1);
    private static readonly ConcurrentDictionary<string, Lazy<Task<TestDatabase>>> Templates = new();

    /// <summary>
    /// A copy of the template for <paramref name="key"/>, made the first time by <paramref name="build"/> (which starts an
    /// app on the empty template and stops it). The template keeps no node identity: its signing keys and data-protection
    /// keys are removed, so each copy's node makes its own at start, as a fresh node does.
    /// </summary>
    public static async Task<TestDatabase> FromTemplateAsync(string key, Func<TestDatabase, Task> build)
    {
        var template = await Templates.GetOrAdd(key, _ => new Lazy<Task<TestDatabase>>(async () =>
        {
            var database = await CreateAsync(null);
            await build(database);
            await database.StripNodeIdentityAsync();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => database.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return database;
        })).Value;
        return await CreateAsync(template);
    }

    private async Task StripNodeIdentityAsync()
    {
        const string strip = "DELETE FROM \"NodeKeys\"; DELETE FROM \"DataProtectionKeys\";";
        ClearPool();
        if (Provider == "Sqlite")
        {
            await using var connection = new SqliteConnection(ConnectionString + ";Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            // Everything into the main file, so that a copy of the file alone is the whole database.
            command.CommandText = strip + " PRAGMA wal_checkpoint(TRUNCATE);";
            await command.ExecuteNonQueryAsync();
            return;
        }
        await using (var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false"))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(strip, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>
    /// Closes the idle connections to this database only, the test's own and the apps'. Clearing every pool instead
    /// closed those of the apps other tests were running at the time (their next requests opened new connections: on
    /// PostgreSQL over 1,200 server processes were started in one suite, a fifth of its CPU time).
    /// </summary>
    private void ClearPool()
    {
        if (Provider == "Sqlite")
        {
            using var connection = new SqliteConnection(ConnectionString);
            SqliteConnection.ClearPool(connection);
            return;
        }
        // The pool an app opened is keyed by the connection string as the app completes it.
        foreach (var connectionString in new[] { ConnectionString, Borderlink.Data.PostgresConnection.WithDefaults(ConnectionString) })
        {
            using var npgsql = new NpgsqlConnection(connectionString);
            NpgsqlConnection.ClearPool(npgsql);
        }
    }

    public async ValueTask DisposeAsync()
    {
        ClearPool();
        if (Provider == "Sqlite")
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(_name + suffix);
            }
            return;
        }
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
