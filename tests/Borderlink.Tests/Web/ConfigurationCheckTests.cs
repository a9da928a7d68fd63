using System.Net;
using Borderlink.Tests.Infrastructure;
using Borderlink.Tests.Sharing;

namespace Borderlink.Tests.Web;

/// <summary>
/// Settings that would leave a node unsafe stop it at start with one clear line each (exit code 78), as the real
/// program started from its build output.
/// </summary>
public sealed class ConfigurationCheckTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Misspelt_keys_and_a_relative_base_url_stop_the_node_with_one_line_each()
    {
        await using var node = (await ProcessNode.AsReadmeRunsAsync())
            .With("Security__MaxFailedLogin", "3").With("Exchange__Nope", "1").With("Node__BaseUrl", "borderlink.example.vn")
            .With("ForwardedHeaders__KnownProxies__0", "nginx.local").With("ForwardedHeaders__KnownNetworks__0", "10.20.0.0/33")
            .With("Metrics__PrometheusUrl", "127.0.0.1:9464");
        var (exitCode, output) = await node.RunToExitAsync(Limit);

        Assert.Equal(78, exitCode);
        var lines = output.Split('\n').Where(l => l.StartsWith("Borderlink cannot start: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(6, lines.Count);
        Assert.Contains(lines, l => l.Contains("PrometheusUrl: \"127.0.0.1:9464\" should be an http address with a path", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("KnownProxies: \"nginx.local\" is not an IP address", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("KnownNetworks: \"10.20.0.0/33\" is not a network in CIDR form", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Security:MaxFailedLogin is not a setting Borderlink knows", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Exchange:Nope is not a setting Borderlink knows", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Borderlink cannot start: Node:", StringComparison.Ordinal) && l.Contains("BaseUrl", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal); // no stack trace

        // Positive control: the same node with the settings spelt right starts and answers (on a migrated and seeded
        // database: a first start is FirstStartTests' and DemoSeedingTests' subject, and here it only cost time).
        await using var right = (await ProcessNode.AsReadmeRunsAsync(database: await new BorderlinkApp().SeededDatabaseAsync()))
            .With("Security__MaxFailedLogins", "3").With("Node__BaseUrl", "https://borderlink.example.vn")
            .With("ForwardedHeaders__KnownProxies__0", "127.0.0.1, ::1").With("ForwardedHeaders__KnownNetworks__0", "10.20.0.0/24");
        await right.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await right.Client().GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task A_PostgreSQL_database_holding_the_demo_users_starts_only_when_it_asks_for_them()
    {
        Assert.SkipUnless(TestDatabase.IsPostgres, "demo users are the embedded SQLite default's; the check is PostgreSQL's");
        var seeded = await new BorderlinkApp().SeededDatabaseAsync(); // demo users, as a demonstration left them
        await using var node = (await ProcessNode.AsReadmeRunsAsync(database: seeded)).Without("Demo__Enabled");
        var (exitCode, output) = await node.RunToExitAsync(Limit);
        Assert.Equal(78, exitCode);
        Assert.Contains("Borderlink cannot start: this PostgreSQL database holds the demo users", output, StringComparison.Ordinal);

        // Positive control: asked for, the same database starts.
        await node.With("Demo__Enabled", "true").StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await node.Client().GetAsync("/healthz")).StatusCode);
    }
}
