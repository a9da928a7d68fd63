using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Borderlink.Data;

/// <summary>
/// Every SQLite connection writes through a write-ahead log, so readers no longer wait for the writer (a page that lists
/// notifications while a partner's messages are applied) and a commit syncs the log once instead of the rollback
/// journal's several. What the node says it has done survives a power cut, not only a crash of the process: a receipt
/// it signs for a partner's message, a 201 to a writer. Where <see cref="DurableCommits"/> groups the log's syncs
/// (synchronous = NORMAL: a commit does not sync, and nothing leaves the node before a sync after it), else at every
/// commit (synchronous = FULL). A writer that
/// finds the database locked waits in SQLite's own busy handler, which retries within milliseconds, before the driver's
/// coarser sleep-and-retry loop takes over; it waits as long as the connection string's Default Timeout says (30 s
/// unless set), after which the request is answered 503 with Retry-After (<see cref="Web.RequestProblems"/>).
/// </summary>
public sealed class SqliteWriteAheadLog(DurableCommits commits) : DbConnectionInterceptor
{
    private readonly string _pragmas = $"PRAGMA journal_mode = WAL; PRAGMA synchronous = {(commits.Grouped ? "NORMAL" : "FULL")}; PRAGMA busy_timeout = ";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        var waitSeconds = connection is Microsoft.Data.Sqlite.SqliteConnection sqlite ? sqlite.DefaultTimeout : 30;
        command.CommandText = _pragmas + (waitSeconds * 1000).ToString(System.Globalization.CultureInfo.InvariantCulture) + ";";
        command.ExecuteNonQuery();
    }
}
