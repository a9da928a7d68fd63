using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Borderlink.Data;

/// <summary>
/// Every SQLite connection writes through a write-ahead log, so readers no longer wait for the writer (a page that lists
/// notifications while a partner's messages are applied) and a commit syncs the log once instead of the rollback
/// journal's several. The log is synced at every commit (synchronous = FULL): a receipt this node signs for a
/// partner's message stands for a commit that survives a power cut, not only a crash of the process. A writer that
/// finds the database locked waits in SQLite's own busy handler, which retries within milliseconds, before the driver's
/// coarser sleep-and-retry loop takes over.
/// </summary>
public sealed class SqliteWriteAheadLog : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }
}
