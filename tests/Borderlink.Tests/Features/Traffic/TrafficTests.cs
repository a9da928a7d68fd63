using Borderlink.Features.Alerts;
using System.Net;
using System.Net.Http.Json;
using Borderlink.Features.Notifications;
using Borderlink.Features.Traffic;
using Borderlink.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Tests.Features.Traffic;

/// <summary>Flows at a gate: each side's figures against its own thresholds, congestion alerting both sides once, charts on the gate's page.</summary>
public sealed class TrafficTests() : OwnAppTest(new BorderlinkApp().WithSetting("Notifications:WatchEnabled", "false"))
{
    private const string Gate = "HUUNGHI-YOUYIGUAN";

    private static async Task<TrafficDto> RecordAsync(HttpClient client, int trucks, int peopleIn = 1200)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/gates/{Gate}/traffic",
            new { date = "2026-11-22", peopleIn, peopleOut = 900, vehicles = 640, trucksWaiting = trucks, clearanceMinutes = 95 }, Json.Options);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ReadAsync<TrafficDto>();
    }

    [Fact]
    public async Task Each_side_is_judged_by_its_own_threshold_and_a_congested_day_alerts_both_sides_once()
    {
        var langSon = await App.SignInAsync("langson.officer");
        var guangxi = await App.SignInAsync("guangxi.officer");
        Assert.True((await langSon.PutAsJsonAsync($"/api/v1/gates/{Gate}/congestion-threshold", new { trucksWaiting = 100 }, Json.Options)).IsSuccessStatusCode);

        var ours = await RecordAsync(langSon, 150);
        Assert.Equal((true, 100), (ours.Congested, ours.TrucksWaitingLimit));
        var theirs = await RecordAsync(guangxi, 150);
        Assert.Equal((false, CongestionThreshold.DefaultTrucksWaiting), (theirs.Congested, theirs.TrucksWaitingLimit));

        // The same day again corrects the figures: one record, a new version.
        var corrected = await RecordAsync(langSon, 50);
        Assert.Equal((ours.Id, 2L, false), (corrected.Id, corrected.Version, corrected.Congested));
        Assert.Equal(0, await App.WithServiceAsync<AlertCongestion, int>(a => a.RunAsync()));
        await RecordAsync(langSon, 180);

        Assert.Equal(2, await App.WithServiceAsync<AlertCongestion, int>(a => a.RunAsync()));
        Assert.Equal(0, await App.WithServiceAsync<AlertCongestion, int>(a => a.RunAsync()));
        var alerted = await App.WithSystemDbAsync(db => db.Alerts.Where(a => a.RecordId == ours.Id && a.Kind == Alert.GateCongested)
            .Join(db.Users, a => a.UserId, u => u.Id, (a, u) => u.UserName!).ToListAsync());
        Assert.Contains("langson.coordinator", alerted);
        Assert.Contains("guangxi.coordinator", alerted);
        Assert.DoesNotContain("caobang.coordinator", alerted);

        var seen = await (await guangxi.GetAsync($"/api/v1/gates/{Gate}/traffic?from=2026-11-22")).ReadAsync<List<TrafficDto>>();
        Assert.Equal(["CN-GX", "VN-09"], seen.Select(t => t.OwnerParty).Order(StringComparer.Ordinal));
        var page = WebUtility.HtmlDecode(await guangxi.GetStringAsync($"/gates/{Gate}/traffic"));
        Assert.Contains("data-testid=\"congested\"", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"epi-curve\"", page, StringComparison.Ordinal);
        // Trucks waiting by day, Lang Son then Guangxi: the day both recorded shows both figures; the day before, which
        // neither recorded, says so in each column instead of showing 0 trucks.
        Assert.Matches(@"<td[^>]*>2026-11-22</td>\s*<td[^>]*>180</td>\s*<td[^>]*>150</td>", page);
        Assert.Matches(@"<td[^>]*>2026-11-21</td>\s*<td class=""no-report""[^>]*>[^<0-9]+</td>\s*<td class=""no-report""[^>]*>[^<0-9]+</td>", page);

        // The dashboard reads each side's own today: Lang Son's 22 November figures, and for Guangxi, already on the
        // 23rd at 00:30, "no report" rather than 0 people and 0 trucks; so too for a gate pair nobody recorded.
        var dashboard = WebUtility.HtmlDecode(await (await App.SignInAsync("langson.officer", "vi")).GetStringAsync("/gates/dashboard"));
        Assert.Matches(@"data-testid=""dash-HUUNGHI-YOUYIGUAN-VN-09"">(?:(?!</tr>).)*<td[^>]*>1200</td>\s*<td[^>]*>180</td>", dashboard.Replace("\n", " "));
        Assert.Matches(@"data-testid=""dash-HUUNGHI-YOUYIGUAN-CN-GX"">(?:(?!</tr>).)*<td class=""no-report""[^>]*>chưa báo cáo</td>\s*<td class=""no-report""[^>]*>chưa báo cáo</td>", dashboard.Replace("\n", " "));
        Assert.Matches(@"data-testid=""dash-CHIMA-AIDIAN-VN-09"">(?:(?!</tr>).)*<td class=""no-report""[^>]*>chưa báo cáo</td>", dashboard.Replace("\n", " "));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await App.SignInAsync("caobang.officer")).PostAsJsonAsync($"/api/v1/gates/{Gate}/traffic",
            new { date = "2026-11-22", peopleIn = 1, peopleOut = 1, vehicles = 1, trucksWaiting = 1 }, Json.Options)).StatusCode);

        // The border map, asked for congestion, says the same beside each gate: Guangxi's side "–" (nothing today), Lang
        // Son's 180, ringed red as over its threshold; a gate nobody recorded "–" and no ring; without the overlay, names only.
        var reader = await App.SignInAsync("langson.officer", "vi");
        var map = WebUtility.HtmlDecode(await reader.GetStringAsync("/gates/map?overlay=congestion"));
        Assert.Matches(@"data-testid=""gate-HUUNGHI-YOUYIGUAN""(?:(?!</a>).)*<text class=""gate-label""[^>]*>[^<]+: – \| 180</text>", map.Replace("\n", " "));
        Assert.Contains("data-testid=\"map-alert-HUUNGHI-YOUYIGUAN\"", map, StringComparison.Ordinal);
        Assert.Matches(@"data-testid=""gate-CHIMA-AIDIAN""(?:(?!</a>).)*<text class=""gate-label""[^>]*>[^<]+: –</text>", map.Replace("\n", " "));
        Assert.DoesNotContain("data-testid=\"map-alert-CHIMA-AIDIAN\"", map, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"map-overlay-legend\"", map, StringComparison.Ordinal);
        var plain = WebUtility.HtmlDecode(await reader.GetStringAsync("/gates/map?overlay=nonsense"));
        Assert.DoesNotContain("map-alert-", plain, StringComparison.Ordinal);
        Assert.Matches(@"data-testid=""gate-HUUNGHI-YOUYIGUAN""(?:(?!</a>).)*<text class=""gate-label""[^>]*>[^<:]+</text>", plain.Replace("\n", " "));
        // The same from the API, for one province's stretch, in the caller's language.
        var svg = WebUtility.HtmlDecode(await (await App.SignInAsync("guangxi.officer", "zh-Hans")).GetStringAsync("/api/v1/gates/map.svg?view=VN-09&overlay=congestion"));
        Assert.Contains("data-testid=\"map-alert-HUUNGHI-YOUYIGUAN\"", svg, StringComparison.Ordinal);
        Assert.Contains("拥堵 — 今日等候货车：中方 –，越方 180", svg, StringComparison.Ordinal);
    }
}
