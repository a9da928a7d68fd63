using Microsoft.Data.Sqlite;

namespace Borderlink.Data;

/// <summary>
/// The embedded engine's file, held by the node that serves it: a running node keeps <c>FILE.lock</c> open exclusively
/// (an advisory lock the operating system drops with the process, even on kill -9), so that a restore, or a second
/// node started by mistake on the same file, is refused instead of writing under it.
/// </summary>
public sealed class SqliteNodeLock : IDisposable
{
    private FileStream? _held;

    /// <summary>The database file of a SQLite connection string; null for an in-memory database.</summary>
    public static string? DatabaseFile(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:") return null;
        return Path.GetFullPath(builder.DataSource);
    }

    /// <summary>The lock file beside a database file.</summary>
    public static string LockFile(string databaseFile) => databaseFile + ".lock";

    /// <summary>Takes the lock, or answers null when another process (or this one) holds it.</summary>
    public static FileStream? TryTake(string lockPath)
    {
        try
        {
            return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Held by the serving node for its lifetime.</summary>
    public void Hold(string connectionString)
    {
        if (_held is not null || DatabaseFile(connectionString) is not { } file) return;
        var path = LockFile(file);
        _held = TryTake(path) ?? throw new Web.StartupRefusedException(
            $"another Borderlink process serves this database ({path} is held); a SQLite node runs as one process. Stop it first.");
    }

    public void Dispose()
    {
        _held?.Dispose();
        _held = null;
    }
}

/// <summary>The <c>backup</c> and <c>restore</c> verbs of an embedded (SQLite) node; PostgreSQL has pg_dump and pg_restore.</summary>
public static class SqliteBackup
{
    /// <summary>
    /// A consistent copy of a running node's database: <c>VACUUM INTO</c> reads one snapshot (write-ahead-log mode lets
    /// the node keep writing meanwhile) into a new, compacted file, which is then checked.
    /// </summary>
    public static async Task<(bool Done, string Message)> BackupAsync(string connectionString, string file, CancellationToken ct = default)
    {
        file = Path.GetFullPath(file);
        if (File.Exists(file)) return (false, $"{file} exists already; a backup is written to a new file.");
        var directory = Path.GetDirectoryName(file)!;
        if (!Directory.Exists(directory)) return (false, $"the folder {directory} does not exist.");
        var source = new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadOnly, DefaultTimeout = 60 };
        await using (var connection = new SqliteConnection(source.ConnectionString))
        {
            await connection.OpenAsync(ct);
            await using var vacuum = connection.CreateCommand();
            vacuum.CommandText = "VACUUM INTO $file";
            vacuum.Parameters.AddWithValue("$file", file);
            vacuum.CommandTimeout = 0;
            await vacuum.ExecuteNonQueryAsync(ct);
        }
        var (good, about) = await CheckAsync(file, ct);
        return good ? (true, $"Backup written to {file}: {about}.") : (false, $"the copy in {file} did not check: {about}");
    }

    /// <summary>
    /// Puts a backup in place of a stopped node's database. The database replaced (and its log files) are kept beside it
    /// as <c>FILE.before-restore-TIME</c>; nothing is overwritten while a node holds the file.
    /// </summary>
    public static async Task<(bool Done, string Message)> RestoreAsync(string connectionString, string backup, TimeProvider clock, CancellationToken ct = default)
    {
        backup = Path.GetFullPath(backup);
        if (!File.Exists(backup)) return (false, $"{backup} does not exist.");
        if (SqliteNodeLock.DatabaseFile(connectionString) is not { } target) return (false, "the node's database is in memory; there is nothing to restore into.");
        var lockPath = SqliteNodeLock.LockFile(target);
        if (string.Equals(target, backup, StringComparison.Ordinal)) return (false, "the backup is the node's database itself.");
        using var held = SqliteNodeLock.TryTake(lockPath);
        if (held is null) return (false, $"a running node serves {target} ({lockPath} is held): stop it, then restore.");
        var (good, about) = await CheckAsync(backup, ct);
        if (!good) return (false, $"{backup} is not a Borderlink database that checks: {about}");

        var kept = "";
        if (File.Exists(target))
        {
            kept = $"{target}.before-restore-{clock.GetUtcNow():yyyyMMddHHmmss}";
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                if (File.Exists(target + suffix)) File.Move(target + suffix, kept + suffix);
            }
        }
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(backup, target);
        return (true, $"Restored {backup} into {target} ({about})" + (kept.Length > 0 ? $"; the database it replaced is kept as {kept}." : "."));
    }

    /// <summary>SQLite's own integrity check, and the tables a node's database has: what was backed up or is restored is whole.</summary>
    private static async Task<(bool Good, string About)> CheckAsync(string file, CancellationToken ct)
    {
        try
        {
            var builder = new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
            await using var connection = new SqliteConnection(builder.ConnectionString);
            await connection.OpenAsync(ct);
            var integrity = await ScalarAsync(connection, "PRAGMA integrity_check", ct);
            if (!string.Equals(integrity, "ok", StringComparison.Ordinal)) return (false, "integrity check: " + integrity);
            if (await ScalarAsync(connection, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('__EFMigrationsHistory', 'AuditEntries')", ct) != "2")
                return (false, "it has no Borderlink tables");
            var audit = await ScalarAsync(connection, "SELECT COUNT(*) FROM \"AuditEntries\"", ct);
            var migration = await ScalarAsync(connection, "SELECT MAX(\"MigrationId\") FROM \"__EFMigrationsHistory\"", ct);
            return (true, $"integrity ok, {audit} audit lines, schema {migration}");
        }
        catch (SqliteException e)
        {
            return (false, e.Message);
        }
    }

    private static async Task<string?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
