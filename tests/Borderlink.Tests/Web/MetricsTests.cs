using System.Net;
using System.Text;
using Borderlink.Tests.Infrastructure;
using Borderlink.Tests.Sharing;

namespace Borderlink.Tests.Web;

/// <summary>
/// The metrics an operator scrapes, from the real program: on a listener of their own (README's Metrics__PrometheusUrl),
/// not on the application's port. The exchange's metrics are checked during and after an outage in
/// <see cref="FaultTests"/>.
/// </summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task An_operator_scrapes_sign_in_failures_imports_batches_and_requests_apart_from_the_application()
    {
        var url = $"http://127.0.0.1:{ProcessNode.FreePort()}/metrics";
        await using var node = (await ProcessNode.AsReadmeRunsAsync(database: await new BorderlinkApp().SeededDatabaseAsync()))
            .With("Metrics__PrometheusUrl", url);
        await node.StartAsync();

        Assert.Equal(HttpStatusCode.OK, (await Forms.PostLoginAsync(node.Client(), "langson.officer", "wrong-password-123")).StatusCode);
        var officer = await node.SignInAsync("langson.officer");
        var csv = new ByteArrayContent(Encoding.UTF8.GetBytes("period,place,disease,new_cases,deaths\n2026-W40,Lạng Sơn,dengue,4,0\n2026-W41,Lạng Sơn,dengue,6,0\n"));
        csv.Headers.ContentType = new("text/csv");
        var imported = await officer.PostAsync("/api/v1/situation-reports/imports?name=w40.csv", csv);
        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
        var lines = string.Join('\n', Enumerable.Range(0, 3).Select(_ =>
            $"{{\"id\":\"{Guid.CreateVersion7()}\",\"occurredAt\":\"2026-11-22T22:05:00+07:00\",\"kind\":\"Traveller\",\"direction\":\"Entry\",\"purpose\":\"Expert\","
            + "\"nationality\":\"CN\",\"healthDeclaration\":true,\"temperatureC\":36.8,\"test\":\"Negative\",\"decision\":\"Admitted\"}"));
        var batch = await officer.PostAsync("/api/v1/gates/HUUNGHI-YOUYIGUAN/crossings", new StringContent(lines, Encoding.UTF8, "application/x-ndjson"));
        Assert.True(batch.IsSuccessStatusCode, await batch.Content.ReadAsStringAsync());

        var page = await Scrape.PageAsync(url);
        Assert.Equal(1, Scrape.Value(page, "borderlink_signin_failures_total", ("reason", "credentials")));
        Assert.Equal(2, Scrape.Value(page, "borderlink_imports_rows_total", ("kind", "situation")));
        Assert.Equal(1, Scrape.Value(page, "borderlink_imports_duration_seconds_count", ("kind", "situation")));
        Assert.Equal(3, Scrape.Value(page, "borderlink_imports_rows_total", ("kind", "crossings")));
        Assert.Equal(1, Scrape.Value(page, "borderlink_imports_duration_seconds_count", ("kind", "crossings")));
        Assert.True(Scrape.Value(page, "http_server_request_duration_seconds_count", ("http_route", "/login"), ("http_request_method", "POST")) >= 2);
        Assert.NotNull(Scrape.Value(page, "dotnet_gc_heap_total_allocated_bytes_total"));
        // The audit lines of these writes are chained after their commit, in the sequencer's next round (a tenth of a
        // second after a save; the scrape may come first, so it is read again for up to 10 s).
        for (var i = 0; i < 40 && !(Scrape.Value(page, "borderlink_audit_chained_total") >= 3); i++)
        {
            await Task.Delay(250);
            page = await Scrape.PageAsync(url);
        }
        Assert.True(Scrape.Value(page, "borderlink_audit_chained_total") >= 3, "audit lines chained");
        Assert.True(Scrape.Value(page, "borderlink_audit_chain_delay_seconds_count") >= 1, "chaining rounds");
        Assert.Equal(0, Scrape.Value(page, "borderlink_audit_chain_failing"));
        // On SQLite the answers above waited for the write-ahead log's grouped syncs (Data/DurableCommits); PostgreSQL
        // syncs its own commits and has no such figures (the audit figures above show that its scrape is whole).
        if (TestDatabase.IsPostgres)
        {
            Assert.Null(Scrape.Value(page, "borderlink_database_log_syncs_total"));
        }
        else
        {
            var syncs = Scrape.Value(page, "borderlink_database_log_syncs_total");
            Assert.True(syncs >= 1, $"{syncs} syncs of the log");
            Assert.True(Scrape.Value(page, "borderlink_database_log_sync_waits_total") >= syncs, "each sync served at least one wait");
        }

        // The application's port serves no metrics: an anonymous visitor is sent to sign in.
        var onApp = await node.Client().GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.Redirect, onApp.StatusCode);
        Assert.DoesNotContain("borderlink_", await onApp.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
