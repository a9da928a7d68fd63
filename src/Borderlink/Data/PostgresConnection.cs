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

    /// <summary>The connection string with <see cref="MaxAutoPrepare"/> unless it names its own (0 turns it off).</summary>
    public static string WithDefaults(string connectionString)
    {
        // As the operator wrote it: Npgsql's own builder answers ContainsKey for every keyword it knows, set or not.
        var written = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (written.Keys.Cast<string>().Any(k => k.Replace(" ", "", StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
        {
            return connectionString;
        }
        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = MaxAutoPrepare }.ConnectionString;
    }
}
