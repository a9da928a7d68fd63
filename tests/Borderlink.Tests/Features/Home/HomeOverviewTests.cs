using System.Net;
using System.Net.Http.Json;
using Borderlink.Features.Home;
using Borderlink.Features.Measures;
using Borderlink.Features.Meetings;
using Borderlink.Tests.Features.Meetings;
using Borderlink.Tests.Features.Situation;
using Borderlink.Tests.Infrastructure;

namespace Borderlink.Tests.Features.Home;

/// <summary>
/// The home page and GET /api/v1/overview show the border now, not reference counts: gate pairs that changed or are
/// congested, the latest reported week on both sides with "no report" where a side sent none, overdue measures, the next
/// meetings and how each partner is reached. Its own app: what it records would show on every other test's home page.
/// The clock stands at 2026-11-22 16:30 UTC, a Sunday: ISO week 2026-W47 (16–22 November) is the current week.
/// </summary>
public sealed class HomeOverviewTests() : OwnAppTest(new BorderlinkApp().WithSetting("Notifications:WatchEnabled", "false"))
{
    private const string HuuNghi = "HUUNGHI-YOUYIGUAN";
    private const string ChiMa = "CHIMA-AIDIAN";

    private static async Task<OverviewDto> OverviewAsync(HttpClient client) => await (await client.GetAsync("/api/v1/overview")).ReadAsync<OverviewDto>();

    [Fact]
    public async Task The_home_page_shows_the_border_now_in_each_language_and_never_a_missing_week_as_zero()
    {
        var langSon = await App.SignInAsync("langson.officer", "vi");
        var guangxi = await App.SignInAsync("guangxi.officer", "zh-Hans");

        // Before anything happens: every section says so, and no reference counts are shown.
        var empty = await OverviewAsync(langSon);
        Assert.Empty(empty.Gates);
        Assert.Null(empty.Figures.Week);
        Assert.Equal(0, empty.OverdueMeasures);
        var emptyPage = WebUtility.HtmlDecode(await langSon.GetStringAsync("/"));
        Assert.Contains("data-testid=\"home-no-gates\"", emptyPage, StringComparison.Ordinal);
        Assert.Contains("Chưa có báo cáo tuần nào", emptyPage, StringComparison.Ordinal);
        Assert.DoesNotContain("reference-counts", emptyPage, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"home-party\"", emptyPage, StringComparison.Ordinal);

        // Lang Son closes Huu Nghi to people; Chi Ma stays as it was (nothing recorded) and must not be listed.
        Assert.Equal(HttpStatusCode.Created, (await langSon.PostAsJsonAsync($"/api/v1/gates/{HuuNghi}/changes", new
        {
            flow = "People", state = "Closed", effectiveFrom = "2026-11-22T10:00:00Z", reason = "Dịch hạch thể phổi tại Đồng Đăng", language = "vi",
        }, Json.Options)).StatusCode);
        // Lang Son reports two weeks of dengue; Guangxi only the week before: its current week is "no report", not 0.
        await langSon.ReportRowAsync("2026-W46", "dengue", "VN-09", 10);
        await langSon.ReportRowAsync("2026-W47", "dengue", "VN-09", 14);
        await guangxi.ReportRowAsync("2026-W46", "dengue", "CN-GX", 5);
        // A meeting next week, and a measure of Guangxi's that was due on the 21st (overdue in Nanning's calendar).
        var liaison = await App.SignInAsync("langson.liaison", "vi");
        var meeting = await liaison.ScheduleMeetingAsync("Hội đàm tại cửa khẩu Hữu Nghị", "2026-11-25T09:00:00", "2026-11-25T11:00:00", ["CN-GX"]);
        var measure = await guangxi.PostAsJsonAsync(MeasuresApi.Path,
            new { what = "友谊关口岸增设农产品快速通道", language = "zh-Hans", dueOn = "2026-11-21", sourceKind = "Meeting", sourceId = meeting.Id }, Json.Options);
        Assert.Equal(HttpStatusCode.Created, measure.StatusCode);
        var measureId = (await measure.ReadAsync<MeasureDto>()).Id;

        var overview = await OverviewAsync(langSon);
        var gate = Assert.Single(overview.Gates);
        Assert.Equal(HuuNghi, gate.Pair.Code);
        Assert.Equal(("Closed", null), (gate.VnState?.ToString(), gate.CnState?.ToString()));
        Assert.Equal("2026-W47", overview.Figures.Week);
        Assert.Equal(["VN-09", "CN-GX"], overview.Figures.Parties);
        Assert.Equal(["VN-09"], overview.Figures.Reported);
        var ours = overview.Figures.Lines.Single(l => l.Party == "VN-09" && l.Disease == "dengue");
        Assert.Equal((14, 10, 4), (ours.NewCases, ours.PreviousNewCases, ours.Change));
        var theirs = overview.Figures.Lines.Single(l => l.Party == "CN-GX" && l.Disease == "dengue");
        Assert.Equal((null, 5, null), (theirs.NewCases, theirs.PreviousNewCases, theirs.Change));
        Assert.Equal(1, overview.OverdueMeasures);
        Assert.Equal([measureId], overview.Overdue.Select(m => m.Id));
        Assert.Equal([meeting.Id], overview.NextMeetings.Select(m => m.Id));
        var partner = Assert.Single(overview.Partners);
        Assert.Equal(("CN-GX", PartnerLink.ThisNode), (partner.Party, partner.Link));

        // The page in Vietnamese: words, the gate by name, the week, +4, "chưa báo cáo" for Guangxi and never a 0 in its place.
        var vi = WebUtility.HtmlDecode(await langSon.GetStringAsync("/"));
        Assert.Contains("Các cặp cửa khẩu cần theo dõi", vi, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"home-gate-HUUNGHI-YOUYIGUAN\"", vi, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-testid=\"home-gate-{ChiMa}\"", vi, StringComparison.Ordinal);
        Assert.Contains("Tuần báo cáo gần nhất: 2026-W47", vi, StringComparison.Ordinal);
        Assert.Matches("data-testid=\"home-figure-dengue-VN-09\">14<span class=\"small\"> \\(\\+4\\)", vi);
        Assert.Matches("class=\"no-report\"[^>]*data-testid=\"home-figure-dengue-CN-GX\">chưa báo cáo<", vi);
        Assert.Contains("友谊关口岸增设农产品快速通道", vi, StringComparison.Ordinal);
        Assert.Contains("Hội đàm tại cửa khẩu Hữu Nghị", vi, StringComparison.Ordinal);
        Assert.Contains("trên máy chủ này", vi, StringComparison.Ordinal);
        Assert.DoesNotContain(HuuNghi + "<", vi, StringComparison.Ordinal);

        // Guangxi reads the same border from its side, in Chinese: Lang Son's week is there, its own is "未报告".
        var zh = WebUtility.HtmlDecode(await guangxi.GetStringAsync("/"));
        Assert.Contains("需关注的口岸", zh, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"home-gate-HUUNGHI-YOUYIGUAN\"", zh, StringComparison.Ordinal);
        Assert.Matches("data-testid=\"home-figure-dengue-CN-GX\">未报告<", zh);
        Assert.Matches("data-testid=\"home-figure-dengue-VN-09\">14<", zh);
        Assert.Contains("逾期措施 (1)", zh, StringComparison.Ordinal);

        foreach (var (language, heading) in new[] { ("en", "Gate pairs to watch"), ("fr", "Points de passage à surveiller") })
        {
            var reader = await App.SignInAsync("langson.viewer", language);
            var page = WebUtility.HtmlDecode(await reader.GetStringAsync("/"));
            Assert.Contains(heading, page, StringComparison.Ordinal);
            Assert.Contains("data-testid=\"home-gate-HUUNGHI-YOUYIGUAN\"", page, StringComparison.Ordinal);
        }

        // Yunnan, neither on the pair nor a partner of Lang Son, sees neither the closure nor Lang Son's weeks.
        var yunnan = await OverviewAsync(await App.SignInAsync("yunnan.officer"));
        Assert.Empty(yunnan.Gates);
        Assert.Null(yunnan.Figures.Week);
        Assert.Empty(yunnan.NextMeetings);
    }
}
