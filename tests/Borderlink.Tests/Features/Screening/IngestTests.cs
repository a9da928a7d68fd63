using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Borderlink.Features.Accounts;
using Borderlink.Features.Screening;
using Borderlink.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Tests.Features.Screening;

/// <summary>
/// A gate system's batches through the ingest API, on an app of its own so the counts are exact: whole or nothing with
/// line numbers, never twice, only for the token's gate; partners see the daily counts, not the travellers, unless one is shared.
/// </summary>
public sealed class IngestTests : OwnAppTest
{
    private const string Gate = "HUUNGHI-YOUYIGUAN";

    private static string Line(Guid id, string purpose = "Expert", string extra = "") =>
        $"{{\"id\":\"{id}\",\"occurredAt\":\"2026-11-22T22:05:00+07:00\",\"kind\":\"Traveller\",\"direction\":\"Entry\",\"purpose\":\"{purpose}\",\"nationality\":\"CN\","
        + $"\"travellerName\":\"Trương Minh\",\"documentNumber\":\"E1234567\",\"healthDeclaration\":true,\"temperatureC\":36.8,\"test\":\"Negative\",\"decision\":\"Admitted\"{extra}}}";

    private Task<HttpClient> GateSystemAsync(string gate) => GateSystem.ConnectAsync(App, gate);

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string gate, string body, Guid? batch = null, string type = "application/x-ndjson")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/gates/{gate}/crossings") { Content = new StringContent(body, Encoding.UTF8, type) };
        if (batch is { } b) request.Headers.Add("Idempotency-Key", b.ToString());
        return client.SendAsync(request);
    }

    private Task<int> CountAsync() => App.WithSystemDbAsync(db => db.Crossings.CountAsync());

    [Fact]
    public async Task One_crossing_reads_numbers_and_booleans_as_a_batch_line_does()
    {
        var officer = await App.SignInAsync("langson.officer");
        var recorded = await officer.PostAsJsonAsync($"/api/v1/gates/{Gate}/crossing", new
        {
            occurredAt = "2026-11-22T21:40:00+07:00", kind = "Traveller", direction = "Entry", purpose = "Expert", nationality = "CN",
            travellerName = "Lý Hoa", documentNumber = "E7654321", healthDeclaration = true, temperatureC = 37.9, symptoms = false, test = "Negative", decision = "Admitted",
        }, Json.Options);
        Assert.True(recorded.StatusCode == HttpStatusCode.Created, await recorded.Content.ReadAsStringAsync());
        var crossing = await recorded.ReadAsync<CrossingDto>();
        Assert.Equal((true, (double?)37.9, false), (crossing.HealthDeclaration, crossing.TemperatureC, crossing.Symptoms));

        // A value that is no crossing at all is still refused, naming the body.
        var array = await officer.PostAsync($"/api/v1/gates/{Gate}/crossing", new StringContent("[1, 2]", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, array.StatusCode);
    }

    [Fact]
    public async Task A_batch_is_applied_whole_or_refused_whole_never_twice_and_only_for_the_tokens_gate()
    {
        var gateSystem = await GateSystemAsync(Gate);
        var ids = Enumerable.Range(0, 3).Select(_ => Guid.CreateVersion7()).ToArray();

        // One malformed line and one impossible temperature: nothing is stored, and both lines are named.
        var bad = string.Join('\n', Line(ids[0]), "{\"id\": \"" + ids[1] + "\", oops", Line(ids[2], extra: ",\"temperatureC\":\"73\"").Replace("\"temperatureC\":36.8,", ""));
        var refused = await SendAsync(gateSystem, Gate, bad);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.ReadJsonAsync();
        Assert.Equal("urn:borderlink:problem:batch-refused", problem.GetProperty("type").GetString());
        Assert.Equal([(2, ""), (3, "temperatureC")], problem.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("field").GetString())));
        Assert.Equal(0, await CountAsync());

        // A good batch applies once; sent again with its key it answers with the first result; sent again without, nothing is added.
        var good = string.Join('\n', ids.Select((id, i) => Line(id, i == 2 ? "SkilledWorker" : "Expert")));
        var batch = Guid.CreateVersion7();
        var first = await (await SendAsync(gateSystem, Gate, good, batch)).ReadAsync<IngestCrossings.Result>();
        Assert.Equal((3, 3, 0, false), (first.Lines, first.Applied, first.AlreadyPresent, first.Replayed));
        var replay = await (await SendAsync(gateSystem, Gate, good, batch)).ReadAsync<IngestCrossings.Result>();
        Assert.Equal((first.BatchId, 3, true), (replay.BatchId, replay.Applied, replay.Replayed));
        var again = await (await SendAsync(gateSystem, Gate, good)).ReadAsync<IngestCrossings.Result>();
        Assert.Equal((0, 3), (again.Applied, again.AlreadyPresent));
        Assert.Equal(3, await CountAsync());

        // The same token may not write for another gate, even of its own party.
        var elsewhere = await SendAsync(gateSystem, "TANTHANH-PUZHAI", string.Join('\n', Line(Guid.CreateVersion7())));
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        Assert.Equal("urn:borderlink:problem:gate-out-of-scope", (await elsewhere.ReadJsonAsync()).GetProperty("type").GetString());
        Assert.Equal(3, await CountAsync());

        // CSV with a header in any order works the same way.
        var csv = "direction,kind,id,occurredAt,vehiclePlate,disinfected\nEntry,Vehicle," + Guid.CreateVersion7() + ",2026-11-22T21:00:00+07:00,12C-34567,true\n";
        var csvResult = await (await SendAsync(gateSystem, Gate, csv, type: "text/csv")).ReadAsync<IngestCrossings.Result>();
        Assert.Equal(1, csvResult.Applied);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await SendAsync(gateSystem, Gate, good, type: "text/plain")).StatusCode);

        // An id is the party's own: Guangxi's lines carrying Lang Son's ids are applied as Guangxi's, answered exactly as
        // fresh ids are, and Lang Son's records stay as they were.
        var guangxi = await App.SignInAsync("guangxi.officer");
        var theirs = await (await SendAsync(guangxi, Gate, string.Join('\n', Line(ids[0]), Line(ids[1])))).ReadAsync<IngestCrossings.Result>();
        var fresh = await (await SendAsync(guangxi, Gate, string.Join('\n', Line(Guid.CreateVersion7()), Line(Guid.CreateVersion7())))).ReadAsync<IngestCrossings.Result>();
        Assert.Equal((2, 2, 0), (theirs.Lines, theirs.Applied, theirs.AlreadyPresent));
        Assert.Equal((fresh.Lines, fresh.Applied, fresh.AlreadyPresent), (theirs.Lines, theirs.Applied, theirs.AlreadyPresent));
        var owners = await App.WithSystemDbAsync(db => db.Crossings.Where(c => c.Id == ids[0] || c.Id == ids[1]).Select(c => new { c.Party, c.BatchId }).ToListAsync());
        Assert.Equal(2, owners.Count(o => o.Party == "VN-09" && o.BatchId == first.BatchId));
        Assert.Equal(2, owners.Count(o => o.Party == "CN-GX"));
    }

    [Fact]
    public async Task A_batch_key_belongs_to_its_party_and_tells_nothing_about_another_partys_batch()
    {
        var key = Guid.NewGuid();
        var langSon = await GateSystemAsync(Gate);
        var first = await (await SendAsync(langSon, Gate, Line(Guid.CreateVersion7()), key)).ReadAsync<IngestCrossings.Result>();
        Assert.Equal((1, false), (first.Applied, first.Replayed));

        // Guangxi's gate system happens to send the same key: its own lines are applied, not Lang Son's result replayed.
        var admin = await App.SignInAsync("guangxi.admin");
        var agencies = await (await admin.GetAsync("/api/v1/agencies?party=CN-GX")).ReadJsonAsync();
        var agency = agencies.EnumerateArray().First(a => a.GetProperty("functionCode").GetString() == "health").GetProperty("id").GetGuid();
        var issued = await admin.PostAsJsonAsync("/api/v1/api-tokens",
            new { agencyId = agency, name = "友谊关卫生检疫", role = "officer", scopes = new[] { "gates" }, expiresInDays = 30, gatePair = Gate }, Json.Options);
        var guangxi = App.Anonymous();
        guangxi.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await issued.ReadAsync<IssuedTokenDto>()).Secret);
        var lines = string.Join('\n', Line(Guid.CreateVersion7()), Line(Guid.CreateVersion7()));
        var theirs = await (await SendAsync(guangxi, Gate, lines, key)).ReadAsync<IngestCrossings.Result>();
        Assert.Equal((2, 2, false), (theirs.Lines, theirs.Applied, theirs.Replayed));
        Assert.NotEqual(first.BatchId, theirs.BatchId);

        // Positive control: Lang Son's own retry with the key is still its replay.
        var replay = await (await SendAsync(langSon, Gate, Line(Guid.CreateVersion7()), key)).ReadAsync<IngestCrossings.Result>();
        Assert.Equal((first.BatchId, true), (replay.BatchId, replay.Replayed));
    }

    [Fact]
    public async Task A_partner_sees_the_daily_counts_but_not_the_travellers_unless_one_is_shared()
    {
        var gateSystem = await GateSystemAsync(Gate);
        var ids = Enumerable.Range(0, 3).Select(_ => Guid.CreateVersion7()).ToArray();
        var lines = string.Join('\n', Line(ids[0]), Line(ids[1]),
            Line(ids[2], "SkilledWorker").Replace("\"Negative\",\"decision\":\"Admitted\"", "\"Positive\",\"decision\":\"Quarantined\""));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(gateSystem, Gate, lines)).StatusCode);

        var guangxi = await App.SignInAsync("guangxi.officer", "zh-Hans");
        Assert.Empty(await (await guangxi.GetAsync("/api/v1/crossings")).ReadAsync<List<CrossingDto>>());
        var counts = await guangxi.GetAsync($"/api/v1/gates/{Gate}/screening?from=2026-11-22&to=2026-11-22");
        var raw = await counts.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Trương Minh", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("E1234567", raw, StringComparison.Ordinal);
        var summary = Assert.Single(System.Text.Json.JsonSerializer.Deserialize<List<ScreeningSummaryDto>>(raw, Json.Options)!);
        int Count(string d, string k) => summary.Counts.FirstOrDefault(c => c.Dimension == d && c.Key == k)?.Value ?? 0;
        Assert.Equal(("VN-09", 3, 2, 1, 1, 1), (summary.OwnerParty, Count("crossings", "Traveller.Entry"), Count("purpose", "Expert"), Count("purpose", "SkilledWorker"),
            Count("test", "Positive"), Count("Traveller.decision", "Quarantined")));
        // The border dashboard counts the positive screening for both sides; only Lang Son lists the record itself.
        var theirDashboard = WebUtility.HtmlDecode(await guangxi.GetStringAsync("/gates/dashboard"));
        Assert.Contains($"data-testid=\"dash-positives-{Gate}\">1</td>", theirDashboard, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"recent-positives\"", theirDashboard, StringComparison.Ordinal);
        var ourDashboard = WebUtility.HtmlDecode(await (await App.SignInAsync("langson.officer")).GetStringAsync("/gates/dashboard"));
        Assert.Contains("data-testid=\"recent-positives\"", ourDashboard, StringComparison.Ordinal);
        var page = WebUtility.HtmlDecode(await guangxi.GetStringAsync($"/gates/{Gate}/screening?date=2026-11-22"));
        Assert.Contains("入境人员", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Trương Minh", page, StringComparison.Ordinal);

        // Lang Son's own staff see the travellers; its liaison shares the positive one with Guangxi, saying why.
        var langSon = await App.SignInAsync("langson.officer");
        Assert.Equal(3, (await (await langSon.GetAsync("/api/v1/crossings")).ReadAsync<List<CrossingDto>>()).Count(c => c.TravellerName == "Trương Minh"));
        var liaison = await App.SignInAsync("langson.liaison");
        var shared = await liaison.PostAsJsonAsync($"/api/v1/crossings/{ids[2]}/share",
            new { audience = new[] { "CN-GX" }, reason = "Ca dương tính nhập cảnh qua Hữu Nghị: phối hợp truy vết" }, Json.Options);
        Assert.Equal(HttpStatusCode.Created, shared.StatusCode);
        var extract = await guangxi.GetFromJsonAsync<ScreeningExtractDto>(shared.Headers.Location, Json.Options);
        Assert.Equal(("Trương Minh", "E1234567", TestOutcome.Positive), (extract!.TravellerName, extract.DocumentNumber, extract.Test));
        Assert.Equal(HttpStatusCode.NotFound, (await (await App.SignInAsync("yunnan.officer")).GetAsync(shared.Headers.Location)).StatusCode);
        var page2 = $"/gates/{Gate}/screening?date=2026-11-22";
        var sharedByForm = await Forms.PostAsync(liaison, page2, page2, $"share-{ids[1]}", [new("Share.Reason", "Tiếp xúc gần với ca dương tính")]);
        Assert.Equal(HttpStatusCode.Redirect, sharedByForm.StatusCode);
        Assert.Equal(2, await App.WithSystemDbAsync(db => db.ScreeningExtracts.CountAsync(e => e.CrossingId == ids[1] || e.CrossingId == ids[2])));
        Assert.Equal(HttpStatusCode.Forbidden, (await langSon.PostAsJsonAsync($"/api/v1/crossings/{ids[0]}/share",
            new { audience = new[] { "CN-GX" }, reason = "x" }, Json.Options)).StatusCode);
    }
}
