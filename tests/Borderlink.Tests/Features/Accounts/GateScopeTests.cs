using System.Net;
using System.Net.Http.Json;
using System.Text;
using Borderlink.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Borderlink.Tests.Features.Accounts;

/// <summary>
/// A token issued for one gate pair acts on that gate only, on every path. The endpoints come from the app's routing
/// table, so a new endpoint is covered without editing this test: one naming another gate, or naming no gate at all,
/// is refused to the gate token while the same request with an unlimited token of the same agency, role and scopes
/// is not — so the refusal is the gate rule and nothing else.
/// </summary>
/// <remarks>Its own app: the unlimited token's requests may create records.</remarks>
public sealed class GateScopeTests : OwnAppTest
{
    private const string OwnGate = "HUUNGHI-YOUYIGUAN";
    private const string OtherGate = "CHIMA-AIDIAN"; // Lang Son's too: the party may act there, this token may not

    /// <summary>What the gate token may read without naming its gate (the lists it fills its lines from).</summary>
    private static readonly HashSet<string> OpenReads = ["/api/v1/gates", "/api/v1/me", "/api/v1/gazetteer", "/api/v1/parties", "/api/v1/diseases", "/api/v1/places", "/api/v1/gate-pairs"];

    private async Task<HttpClient> TokenAsync(string? gate)
    {
        var admin = await App.SignInAsync("langson.admin");
        var agencies = await (await admin.GetAsync("/api/v1/agencies?party=VN-09")).ReadJsonAsync();
        var agency = agencies.EnumerateArray().First(a => a.GetProperty("functionCode").GetString() == "health").GetProperty("id").GetGuid();
        var scopes = new[] { "liaison-notes", "reference", "notifications", "situation", "gates", "communications", "meetings", "cooperation", "translations" };
        var issued = await admin.PostAsJsonAsync("/api/v1/api-tokens",
            new { agencyId = agency, name = "Gate system " + (gate ?? "all"), role = "liaison", scopes, expiresInDays = 30, gatePair = gate }, Json.Options);
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var client = App.Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", (await issued.ReadJsonAsync()).GetProperty("secret").GetString());
        return client;
    }

    [Fact]
    public async Task A_gate_token_is_refused_every_endpoint_that_does_not_name_its_own_gate()
    {
        var gateToken = await TokenAsync(OwnGate);
        var unlimited = await TokenAsync(null);
        var endpoints = App.Service(sp => sp.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Pattern: e.RoutePattern.RawText!,
                // A body of the type the endpoint reads, so that the request reaches authorization at all.
                Type: e.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>() is { ContentTypes.Count: > 0 } accepts ? accepts.ContentTypes[0] : "application/json")))
            .Distinct().ToList());
        Assert.True(endpoints.Count > 100, $"only {endpoints.Count} API endpoints");
        var otherGateHistory = await HistoryAsync(OtherGate);

        var refusedToGate = new List<string>();
        var wronglyAnswered = new List<string>();
        foreach (var (method, pattern, type) in endpoints)
        {
            var path = System.Text.RegularExpressions.Regex.Replace(pattern, "\\{([^}:]+)[^}]*\\}", m => m.Groups[1].Value switch
            {
                "code" => OtherGate,
                "language" => "fr",
                _ => Guid.NewGuid().ToString(),
            });
            var answer = await SendAsync(gateToken, method, path, type);
            var isOpenRead = method == "GET" && OpenReads.Contains(path.TrimEnd('/'));
            if (isOpenRead)
            {
                if (answer.StatusCode == HttpStatusCode.Forbidden) wronglyAnswered.Add($"{method} {path}: open read refused");
                continue;
            }
            var control = await SendAsync(unlimited, method, path, type);
            if (control.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized)
            {
                continue; // not for tokens at all (administration): refused for another reason, tested elsewhere
            }
            if (answer.StatusCode != HttpStatusCode.Forbidden
                || (await answer.ReadJsonAsync()).GetProperty("type").GetString() != "urn:borderlink:problem:gate-out-of-scope")
            {
                wronglyAnswered.Add($"{method} {path}: {(int)answer.StatusCode} to the gate token, {(int)control.StatusCode} to the unlimited one");
            }
            else
            {
                refusedToGate.Add($"{method} {pattern.TrimEnd('/')}");
            }
        }
        Assert.True(wronglyAnswered.Count == 0, string.Join("\n", wronglyAnswered));
        // The gate-bound endpoints the issue names are among those refused.
        foreach (var expected in new[] { "POST /api/v1/gates/{code}/changes", "PUT /api/v1/gates/{code}/congestion-threshold", "POST /api/v1/gates/{code}/traffic",
            "POST /api/v1/permits", "POST /api/v1/quarantine/facilities", "POST /api/v1/vectors", "POST /api/v1/gates/{code}/crossings" })
        {
            Assert.Contains(expected, refusedToGate);
        }
        // Nothing the gate token sent changed the other gate (the unlimited token's empty changes are refused as incomplete).
        Assert.Equal(otherGateHistory, await HistoryAsync(OtherGate));

        // Positive control: at its own gate the token works.
        var ownTraffic = await gateToken.GetAsync($"/api/v1/gates/{OwnGate}/traffic");
        Assert.Equal(HttpStatusCode.OK, ownTraffic.StatusCode);
        var line = $"{{\"id\":\"{Guid.CreateVersion7()}\",\"occurredAt\":\"2026-11-22T22:05:00+07:00\",\"kind\":\"Vehicle\",\"direction\":\"Entry\",\"vehiclePlate\":\"12C-34567\",\"disinfected\":true}}";
        var crossings = await gateToken.PostAsync($"/api/v1/gates/{OwnGate}/crossings", new StringContent(line, Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.OK, crossings.StatusCode);

        // The refusals are audited with the token's gate.
        var audited = await App.WithSystemDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "refused" && e.Detail!.StartsWith("{\"K\":\"request.refused-gate\"") && e.Detail.Contains("\"g:" + OwnGate + "\"")));
        Assert.True(audited >= refusedToGate.Count, $"{audited} refusals audited for {refusedToGate.Count} refused requests");
    }

    [Fact]
    public async Task A_gate_change_without_flow_or_state_is_refused_not_recorded_as_open()
    {
        var officer = await App.SignInAsync("langson.officer");
        var before = await HistoryAsync(OwnGate);
        var empty = await officer.PostAsync($"/api/v1/gates/{OwnGate}/changes", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var errors = (await empty.ReadJsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("flow", out _) && errors.TryGetProperty("state", out _), errors.ToString());
        Assert.Equal(before, await HistoryAsync(OwnGate));

        // Positive control: saying both records the change.
        var full = await officer.PostAsync($"/api/v1/gates/{OwnGate}/changes", new StringContent("{\"flow\":\"Goods\",\"state\":\"Open\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, full.StatusCode);
        Assert.Equal(before + 1, await HistoryAsync(OwnGate));
    }

    private Task<int> HistoryAsync(string gate) => App.WithSystemDbAsync(db => db.GateStatusChanges.CountAsync(c => c.GatePair == gate));

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path, string type)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is not ("GET" or "DELETE")) request.Content = new StringContent("{}", Encoding.UTF8, type);
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}
