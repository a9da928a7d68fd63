using Npgsql;

namespace Borderlink.Data;

/// <summary>What the node adds to an operator's PostgreSQL connection string when the operator did not say otherwise.</summary>
public static class PostgresConnection
{
    /// <summary>
    /// Statements a connection has run five times are prepared on the server and kept, up to this many per connection,
    /// so PostgreSQL stops parsing and planning the same few statements of every write again (Npgsql's automatic
    /// preparation). With 100 people writing at once (bench write-contention) the node served about 10 % more writes,
    /// with a lower p99 (README, "Running on PostgreSQL").
    /// </summary>
    public const int MaxAutoPrepare = 64;

    /// <summary>
    /// A connection given back to the pool is not reset (Npgsql otherwise sends <c>SET SESSION AUTHORIZATION DEFAULT;
    /// RESET ALL; …</c> ahead of its next use): the node leaves no state in a session — no <c>SET</c>, no advisory lock,
    /// no <c>LISTEN</c>, its one temporary table dropped at commit — and an unfinished transaction is rolled back on
    /// return either way. The reset was PostgreSQL's most frequent statement in a test run (47,539 of them).
    /// </summary>
    public const bool NoResetOnClose = true;

    /// <summary>
    /// The connection string with <see cref="MaxAutoPrepare"/> and <see cref="NoResetOnClose"/>, each unless the operator's
    /// string names it.
    /// </summary>
    public static string WithDefaults(string connectionString)
    {
        // As the operator wrote it: Npgsql's own builder answers ContainsKey for every keyword it knows, set or not.
        var written = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var named = written.Keys.Cast<string>().Select(k => k.Replace(" ", "", StringComparison.Ordinal)).ToList();
        bool Names(string keyword) => named.Any(k => k.Equals(keyword, StringComparison.OrdinalIgnoreCase));
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Names("MaxAutoPrepare")) builder.MaxAutoPrepare = MaxAutoPrepare;
        if (!Names("NoResetOnClose")) builder.NoResetOnClose = NoResetOnClose;
        return builder.ConnectionString;
    }
}
