using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Borderlink.Data;

/// <summary>
/// Counts the commits of the SQLite context for <see cref="DurableCommits"/>: each transaction committed, and each
/// statement that ran outside a transaction and so committed on its own (ExecuteUpdate, ExecuteDelete). A save always
/// runs in a transaction (<see cref="SqliteBorderlinkDb"/>), so no write commits unseen when a reader closes.
/// </summary>
public sealed class SqliteCommits(DurableCommits commits) : DbTransactionInterceptor, IDbCommandInterceptor
{
    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => commits.Committed();

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        commits.Committed();
        return Task.CompletedTask;
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        if (command.Transaction is null) commits.Committed();
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (command.Transaction is null) commits.Committed();
        return ValueTask.FromResult(result);
    }
}
