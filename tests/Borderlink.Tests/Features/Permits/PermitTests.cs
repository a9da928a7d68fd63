using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Borderlink.Features.Permits;
using Borderlink.Tests.Infrastructure;

namespace Borderlink.Tests.Features.Permits;

/// <summary>Special-item permits: both sides' quarantine authorities approve; a crossing against an expired, unapproved or rejected permit is refused, clearly.</summary>
public sealed class PermitTests(SharedApp app)
{
    private static async Task<PermitDto> IssueAsync(HttpClient client, string validFrom, string validTo)
    {
        var response = await client.PostAsJsonAsync(PermitsApi.Path, new
        {
            gatePair = "HUUNGHI-YOUYIGUAN", applicant = "Viện Vệ sinh dịch tễ Trung ương", consignee = "广西壮族自治区疾病预防控制中心", category = "MicrobiologicalSample",
            item = "Mẫu bệnh phẩm dịch hạch " + Guid.NewGuid().ToString("N")[..6], quantity = 12, unit = "ống", packaging = "UN2814", towardsChina = true,
            validFrom, validTo, language = "vi",
        }, Json.Options);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadAsync<PermitDto>();
    }

    private static async Task<HttpResponseMessage> DecideAsync(HttpClient client, PermitDto permit, string decision, string? note = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{PermitsApi.Path}/{permit.Id}/decisions") { Content = JsonContent.Create(new { decision, note }, options: Json.Options) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{permit.Version}\""));
        return await client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> CrossAsync(HttpClient client, Guid permit, string at = "2026-11-22T20:00:00+07:00") =>
        client.PostAsJsonAsync("/api/v1/gates/HUUNGHI-YOUYIGUAN/crossing",
            new { kind = "Consignment", direction = "Exit", occurredAt = at, goods = "Mẫu bệnh phẩm", permitId = permit.ToString() }, Json.Options);

    private static async Task<string> ErrorAsync(HttpResponseMessage response) =>
        (await response.ReadJsonAsync()).GetProperty("errors").GetProperty("permitId")[0].GetString()!;

    [Fact]
    public async Task A_crossing_against_an_expired_permit_is_refused_with_a_clear_message()
    {
        var langSon = await app.SignInAsync("langson.officer", "en");
        var guangxi = await app.SignInAsync("guangxi.officer", "zh-Hans");
        var expired = await IssueAsync(langSon, "2026-10-01", "2026-11-15");
        Assert.Equal(HttpStatusCode.Created, (await DecideAsync(langSon, expired, "Approved")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await DecideAsync(guangxi, expired, "Approved")).StatusCode);
        Assert.True((await (await langSon.GetAsync($"{PermitsApi.Path}/{expired.Id}")).ReadAsync<PermitDto>()).Approved);

        var refused = await CrossAsync(langSon, expired.Id);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("The permit expired on 2026-11-15: the crossing is refused.", await ErrorAsync(refused));
        var inVietnamese = await CrossAsync(await app.SignInAsync("langson.officer", "vi"), expired.Id);
        Assert.Equal("Giấy phép đã hết hạn ngày 2026-11-15: từ chối ghi nhận lượt qua.", await ErrorAsync(inVietnamese));

        // The same line in a gate system's batch refuses the whole batch, naming the line.
        var batch = new StringContent(
            $"{{\"id\":\"{Guid.NewGuid()}\",\"occurredAt\":\"2026-11-22T20:00:00+07:00\",\"kind\":\"Traveller\"}}\n" +
            $"{{\"id\":\"{Guid.NewGuid()}\",\"occurredAt\":\"2026-11-22T20:05:00+07:00\",\"kind\":\"Consignment\",\"permitId\":\"{expired.Id}\"}}", Encoding.UTF8, "application/x-ndjson");
        var batchResponse = await langSon.PostAsync("/api/v1/gates/HUUNGHI-YOUYIGUAN/crossings", batch);
        Assert.Equal(HttpStatusCode.BadRequest, batchResponse.StatusCode);
        var error = (await batchResponse.ReadJsonAsync()).GetProperty("errors")[0];
        Assert.Equal((2, "permitId"), (error.GetProperty("line").GetInt32(), error.GetProperty("field").GetString()));
        Assert.Contains("2026-11-15", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_permit_is_usable_only_once_both_sides_quarantine_authorities_approved_its_current_version()
    {
        var langSon = await app.SignInAsync("langson.officer", "en");
        var guangxi = await app.SignInAsync("guangxi.officer", "en");
        var permit = await IssueAsync(langSon, "2026-11-01", "2026-12-31");
        Assert.Equal(HttpStatusCode.Created, (await DecideAsync(langSon, permit, "Approved")).StatusCode);

        var waiting = await CrossAsync(langSon, permit.Id);
        Assert.Equal(HttpStatusCode.BadRequest, waiting.StatusCode);
        Assert.Equal("The permit is not approved yet by Guangxi Zhuang Autonomous Region: the crossing is refused.", await ErrorAsync(waiting));

        // Only a quarantine authority decides, and a rejection says why.
        Assert.Equal(HttpStatusCode.Forbidden, (await DecideAsync(await app.SignInAsync("guangxi.police"), permit, "Approved")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await DecideAsync(guangxi, permit, "Rejected")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await DecideAsync(guangxi, permit, "Approved")).StatusCode);
        var crossed = await CrossAsync(langSon, permit.Id);
        Assert.Equal(HttpStatusCode.Created, crossed.StatusCode);
        Assert.Contains("permit-crossings", await langSon.GetStringAsync($"/permits/{permit.Id}"), StringComparison.Ordinal);
        // The list names the gate pair in the reader's words, not by its code.
        var list = System.Net.WebUtility.HtmlDecode(await (await app.SignInAsync("guangxi.officer", "zh-Hans")).GetStringAsync("/permits"));
        Assert.Matches("<td[^>]*>友谊关 – Hữu Nghị</td>", list);
        Assert.DoesNotMatch("<td[^>]*>HUUNGHI-YOUYIGUAN</td>", list);

        // A changed permit is a new version: both sides decide again before it is used.
        var change = new HttpRequestMessage(HttpMethod.Put, $"{PermitsApi.Path}/{permit.Id}")
        {
            Content = JsonContent.Create(new
            {
                gatePair = "HUUNGHI-YOUYIGUAN", applicant = "Viện Vệ sinh dịch tễ Trung ương", consignee = "", category = "MicrobiologicalSample", item = "Mẫu bệnh phẩm",
                quantity = 24, unit = "ống", packaging = "UN2814", towardsChina = true, validFrom = "2026-11-01", validTo = "2026-12-31", language = "vi",
            }, options: Json.Options),
        };
        change.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{permit.Version}\""));
        var changed = await (await langSon.SendAsync(change)).ReadAsync<PermitDto>();
        Assert.Equal(["CN-GX", "VN-09"], changed.AwaitingParties.Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, (await CrossAsync(langSon, permit.Id)).StatusCode);
    }
}
