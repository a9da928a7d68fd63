using System.Net;
using System.Net.Http.Json;
using Borderlink.Features.Communications;
using Borderlink.Tests.Features.Notes;
using Borderlink.Tests.Infrastructure;

namespace Borderlink.Tests.Features.Communications;

/// <summary>The hotline and communication log: who sees crime-related calls, and the yearly counts ("more than 180 calls a year").</summary>
public sealed class CommunicationLogTests(SharedApp app)
{
    private const string Path = CommunicationsApi.Path;

    [Fact]
    public async Task A_crime_call_logged_by_Lang_Son_border_defence_reaches_Guangxi_public_security_only()
    {
        var border = await app.SignInAsync("langson.border");
        var subject = "Đường dây nóng: đường dây buôn người qua đường mòn " + Guid.NewGuid().ToString("N")[..6];
        var logged = await border.PostAsJsonAsync(Path, new
        {
            occurredAt = "2026-11-20T03:15:00Z", channel = "Hotline", direction = "Incoming", category = "Crime", counterpartParty = "CN-GX",
            subject, summary = "Phía Trung Quốc báo một nhóm người vượt biên trái phép", language = "vi",
        }, Json.Options);
        Assert.Equal(HttpStatusCode.Created, logged.StatusCode);
        var entry = await logged.ReadAsync<CommunicationDto>();

        // Shared with the partner as a whole, a crime call is refused; restricted to public security it goes.
        Assert.Equal(HttpStatusCode.BadRequest, (await border.ShareRecordAsync($"{Path}/{entry.Id}/visibility", entry.Version, "Partners", ["CN-GX"], null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await border.ShareRecordAsync($"{Path}/{entry.Id}/visibility", entry.Version, "Restricted", ["CN-GX"], ["public-security", "health"])).StatusCode);
        Assert.Equal(HttpStatusCode.OK,
            (await border.ShareRecordAsync($"{Path}/{entry.Id}/visibility", entry.Version, "Restricted", ["CN-GX"], ["public-security"])).StatusCode);

        var guangxiHealth = await app.SignInAsync("guangxi.officer");
        var guangxiPolice = await app.SignInAsync("guangxi.police");
        Assert.Equal(HttpStatusCode.NotFound, (await guangxiHealth.GetAsync($"{Path}/{entry.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await guangxiHealth.GetAsync($"/communications/{entry.Id}")).StatusCode);
        var seen = await guangxiPolice.GetAsync($"{Path}/{entry.Id}");
        Assert.Equal(HttpStatusCode.OK, seen.StatusCode);
        Assert.Equal(subject, (await seen.ReadAsync<CommunicationDto>()).Subject);
        var list = await (await guangxiHealth.GetAsync($"{Path}?year=2026&category=Crime&pageSize=500")).ReadJsonAsync();
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), e => e.GetProperty("id").GetGuid() == entry.Id);
    }

    [Fact]
    public async Task A_party_merged_away_is_a_counterpart_only_for_calls_before_the_merger()
    {
        var guangxi = await app.SignInAsync("guangxi.liaison", "vi");
        object Call(string at) => new
        {
            occurredAt = at, channel = "Hotline", direction = "Outgoing", category = "Epidemic", counterpartParty = "VN-03",
            subject = "Gọi Hà Giang " + Guid.NewGuid().ToString("N")[..6], summary = "", language = "vi",
        };

        // Ha Giang joined Tuyen Quang on 1 July 2025: a call of today with it is refused, naming both.
        var today = await guangxi.PostAsJsonAsync(Path, Call("2026-11-20T03:15:00Z"), Json.Options);
        Assert.Equal(HttpStatusCode.BadRequest, today.StatusCode);
        var message = (await today.ReadJsonAsync()).GetProperty("errors").GetProperty("counterpartParty")[0].GetString();
        Assert.Contains("Hà Giang", message, StringComparison.Ordinal);
        Assert.Contains("Tuyên Quang", message, StringComparison.Ordinal);
        // The form offers it no more; Tuyen Quang it does.
        var form = System.Net.WebUtility.HtmlDecode(await guangxi.GetStringAsync("/communications/new"));
        Assert.DoesNotContain("value=\"VN-03\"", form, StringComparison.Ordinal);
        Assert.Contains("value=\"VN-07\"", form, StringComparison.Ordinal);

        // A call from before the merger is logged with Ha Giang, as it happened.
        Assert.Equal(HttpStatusCode.Created, (await guangxi.PostAsJsonAsync(Path, Call("2025-03-10T02:00:00Z"), Json.Options)).StatusCode);
    }
}

/// <summary>Counts need a log of their own.</summary>
public sealed class CommunicationCountTests : OwnAppTest
{
    [Fact]
    public async Task Yearly_counts_by_category_and_partner_come_out_of_the_log_in_the_owners_year()
    {
        var langSon = await App.SignInAsync("langson.officer", "en");
        async Task LogAsync(string at, string category, string partner)
        {
            var r = await langSon.PostAsJsonAsync(CommunicationsApi.Path, new
            {
                occurredAt = at, channel = "Hotline", direction = "Incoming", category, counterpartParty = partner, subject = "call", language = "vi",
            }, Json.Options);
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        }
        for (var i = 0; i < 5; i++) await LogAsync($"2025-0{i + 1}-10T02:00:00Z", "Epidemic", "CN-GX");
        for (var i = 0; i < 3; i++) await LogAsync($"2025-06-1{i}T02:00:00Z", "Crime", "CN-GX");
        await LogAsync("2025-07-01T02:00:00Z", "BorderGateSafety", "CN-YN");
        await LogAsync("2025-12-31T18:00:00Z", "Epidemic", "CN-GX"); // 01:00 on 1 January 2026 in Lang Son: counts for 2026
        await LogAsync("2024-12-31T16:30:00Z", "Epidemic", "CN-GX"); // 23:30 on 31 December 2024 in Lang Son: counts for 2024

        var counts = await (await langSon.GetAsync($"{CommunicationsApi.Path}/counts?year=2025")).ReadAsync<List<ListCommunications.Count>>();
        Assert.Equal(["BorderGateSafety CN-YN 1", "Crime CN-GX 3", "Epidemic CN-GX 5"],
            counts.Select(c => $"{c.Category} {c.Partner} {c.Entries}").Order(StringComparer.Ordinal));
        var page = await langSon.GetStringAsync("/communications?year=2025");
        Assert.Contains("data-testid=\"count-total\">9<", page, StringComparison.Ordinal);

        var guangxi = await App.SignInAsync("guangxi.officer");
        Assert.Empty(await (await guangxi.GetAsync($"{CommunicationsApi.Path}/counts?year=2025")).ReadAsync<List<ListCommunications.Count>>());
    }
}
