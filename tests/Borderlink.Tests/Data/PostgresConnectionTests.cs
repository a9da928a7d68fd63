using Borderlink.Data;
using Npgsql;

namespace Borderlink.Tests.Data;

public sealed class PostgresConnectionTests
{
    [Theory]
    [InlineData("Host=db;Database=borderlink;Username=b;Password=p", PostgresConnection.MaxAutoPrepare)]
    [InlineData("Host=db;Database=borderlink;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;Database=borderlink;MaxAutoPrepare=10", 10)]
    [InlineData("Host=db;Database=borderlink;max auto prepare=5", 5)]
    public void Statements_are_prepared_automatically_unless_the_operator_chose_otherwise(string given, int prepared)
    {
        var used = new NpgsqlConnectionStringBuilder(PostgresConnection.WithDefaults(given));
        Assert.Equal(prepared, used.MaxAutoPrepare);
        // Nothing else the operator wrote changes.
        Assert.Equal("db", used.Host);
        Assert.Equal("borderlink", used.Database);
    }

    [Theory]
    [InlineData("Host=db;Database=borderlink;Username=b;Password=p", true)]
    [InlineData("Host=db;Database=borderlink;No Reset On Close=false", false)]
    [InlineData("Host=db;Database=borderlink;noresetonclose=False", false)]
    public void Pooled_connections_are_not_reset_unless_the_operator_asks_for_it(string given, bool notReset)
    {
        var used = new NpgsqlConnectionStringBuilder(PostgresConnection.WithDefaults(given));
        Assert.Equal(notReset, used.NoResetOnClose);
        Assert.Equal(PostgresConnection.MaxAutoPrepare, used.MaxAutoPrepare);
        Assert.Equal("db", used.Host);
    }
}
