using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Borderlink.Data;

/// <summary>
/// Group commit for the embedded SQLite database. A commit no longer syncs the write-ahead log itself
/// (<c>synchronous = NORMAL</c>, see <see cref="SqliteWriteAheadLog"/>): <see cref="SqliteCommits"/> counts each commit
/// of this process, and before anything leaves the node — an HTTP answer of any kind, a message to a partner, an
/// e-mail — <see cref="WaitAsync"/> returns only once one sync of the log, started after every commit counted so far,
/// has finished. One sync covers every commit before it (the log is appended in commit order), so a hundred writers
/// waiting share a few syncs instead of queueing one sync each inside the write gate; the promise is the one
/// <c>synchronous = FULL</c> gave: what the node has said happened is on disk.
/// On PostgreSQL (which syncs its own commits) and where the log cannot be synced from here (not Linux) every commit
/// syncs as before and <see cref="WaitAsync"/> returns at once.
/// </summary>
public sealed class DurableCommits : IDisposable
{
    private readonly string? _log;
    private readonly string? _directory;
    private readonly SqliteConnection? _keeper;
    private readonly Lock _lock = new();
    private List<TaskCompletionSource>? _waiting;
    private bool _syncing;
    private bool _directorySynced;
    private long _committed;
    private long _syncedThrough;
    private long _syncs;
    private long _waits;

    private DurableCommits(string? databaseFile, string? keeperConnectionString)
    {
        if (databaseFile is null) return;
        _log = databaseFile + "-wal";
        _directory = Path.GetDirectoryName(Path.GetFullPath(databaseFile));
        // SQLite deletes the log when the last connection to the database closes and makes a new one on the next write;
        // one connection held open for the node's life keeps the file (and the directory entry synced once) the same.
        _keeper = new SqliteConnection(keeperConnectionString);
    }

    /// <summary>For a node on PostgreSQL: every commit is synced by the engine before it returns.</summary>
    public static DurableCommits EngineSynced() => new(null, null);

    /// <summary>For the SQLite database of <paramref name="connectionString"/>: group commit where the log can be synced from here.</summary>
    public static DurableCommits ForSqlite(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var file = builder.DataSource;
        if (!OperatingSystem.IsLinux() || string.IsNullOrEmpty(file) || file == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            return new(null, null);
        }
        return new(file, new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
    }

    /// <summary>Whether commits leave the sync to this class (the connections' <c>synchronous</c> is NORMAL, not FULL).</summary>
    public bool Grouped => _log is not null;

    /// <summary>Syncs of the log made (for the metrics).</summary>
    public long Syncs => Interlocked.Read(ref _syncs);

    /// <summary>Waits that needed a sync, which the syncs above served (for the metrics).</summary>
    public long Waits => Interlocked.Read(ref _waits);

    /// <summary>A commit of this process has returned (called by <see cref="SqliteCommits"/>).</summary>
    public void Committed() => Interlocked.Increment(ref _committed);

    /// <summary>Returns once every commit this process made before the call is on disk.</summary>
    public Task WaitAsync(CancellationToken ct = default)
    {
        if (_log is null) return Task.CompletedTask;
        var target = Interlocked.Read(ref _committed);
        if (Interlocked.Read(ref _syncedThrough) >= target) return Task.CompletedTask;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool start;
        lock (_lock)
        {
            (_waiting ??= []).Add(done);
            start = !_syncing;
            _syncing = true;
        }
        Interlocked.Increment(ref _waits);
        if (start) _ = Task.Run(SyncLoop, CancellationToken.None);
        return done.Task.WaitAsync(ct);
    }

    /// <summary>
    /// One sync at a time; whoever asked while it ran is served by the next, which starts after they asked. The
    /// commits counted before a sync starts are in the log file already (counted once their commit returned).
    /// </summary>
    private void SyncLoop()
    {
        while (true)
        {
            List<TaskCompletionSource> batch;
            lock (_lock)
            {
                if (_waiting is null)
                {
                    _syncing = false;
                    return;
                }
                batch = _waiting;
                _waiting = null;
            }
            var through = Interlocked.Read(ref _committed);
            try
            {
                Sync();
                Interlocked.Increment(ref _syncs);
                if (through > Interlocked.Read(ref _syncedThrough)) Interlocked.Exchange(ref _syncedThrough, through);
                foreach (var waiter in batch) waiter.TrySetResult();
            }
            catch (Exception e)
            {
                // The caller's answer fails (503 or 500 as any storage failure) rather than claim what is not on disk.
                foreach (var waiter in batch) waiter.TrySetException(new IOException($"The database log {_log} could not be synced to disk.", e));
            }
        }
    }

    private void Sync()
    {
        if (_keeper!.State != System.Data.ConnectionState.Open) _keeper.Open();
        if (File.Exists(_log))
        {
            using var log = new FileStream(_log!, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
            log.Flush(flushToDisk: true);
        }
        // Otherwise there is no log: SQLite synced the database file when it last checkpointed it away.
        if (!_directorySynced)
        {
            // A log file new since the node started is found after a power cut only if its directory entry was synced.
            SyncDirectory(_directory!);
            _directorySynced = true;
        }
    }

    private static void SyncDirectory(string directory)
    {
        var fd = NativeOpen(System.Text.Encoding.UTF8.GetBytes(directory + "\0"), 0); // O_RDONLY: a directory opens so
        if (fd < 0) throw new IOException($"Cannot open {directory} to sync it (errno {Marshal.GetLastPInvokeError()}).");
        try
        {
            if (NativeFsync(fd) != 0) throw new IOException($"Cannot sync {directory} (errno {Marshal.GetLastPInvokeError()}).");
        }
        finally
        {
            _ = NativeClose(fd);
        }
    }

    [DllImport("libc.so.6", EntryPoint = "open", SetLastError = true)]
    private static extern int NativeOpen(byte[] path, int flags);

    [DllImport("libc.so.6", EntryPoint = "fsync", SetLastError = true)]
    private static extern int NativeFsync(int fd);

    [DllImport("libc.so.6", EntryPoint = "close", SetLastError = true)]
    private static extern int NativeClose(int fd);

    public void Dispose() => _keeper?.Dispose();
}
