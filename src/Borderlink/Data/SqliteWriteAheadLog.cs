using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Borderlink.Data;

/// <summary>
/// Every SQLite connection writes through a write-ahead log, so readers no longer wait for the writer (a page that lists
/// notifications while a partner's messages are applied) and a commit syncs the log once instead of the rollback
/// journal's several. The log is synced at every commit (synchronous = FULL): a receipt this node signs for a
/// partner's message stands for a commit that survives a power cut, not only a crash of the process. A writer that
/// finds the database locked waits in SQLite's own busy handler, which retries within milliseconds, before the driver's
/// coarser sleep-and-retry loop takes over; it waits as long as the connection string's Default Timeout says (30 s
/// unless set), after which the request is answered 503 with Retry-After (<see cref="Web.RequestProblems"/>).
/// </summary>
public sealed class SqliteWriteAheadLog : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = ";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        var waitSeconds = connection is Microsoft.Data.Sqlite.SqliteConnection sqlite ? sqlite.DefaultTimeout : 30;
        command.CommandText = Pragmas + (waitSeconds * 1000).ToString(System.Globalization.CultureInfo.InvariantCulture) + ";";
        command.ExecuteNonQuery();
    }
}
