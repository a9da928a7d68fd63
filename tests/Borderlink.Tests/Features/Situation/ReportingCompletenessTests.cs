using System.Net;
using System.Net.Http.Json;
using Borderlink.Features.Situation;
using Borderlink.Tests.Infrastructure;

namespace Borderlink.Tests.Features.Situation;

/// <summary>
/// Reporting completeness and timeliness (issue 19 item 5): each party's last weeks are on time, late, missing or not
/// yet due against the weekly rhythm (due two days after the week ends, in the party's own zone); a missing week is "no
/// report", never 0. Its own app: the clock moves. It starts at 2026-11-22 16:30 UTC, a Sunday: week 2026-W47 ends today.
/// </summary>
public sealed class ReportingCompletenessTests() : OwnAppTest(new BorderlinkApp().WithSetting("Notifications:WatchEnabled", "false"))
{
    private static async Task<Dictionary<(string, string), ReportCell>> CellsAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/v1/situation/completeness?periods=4");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadAsync<Completeness>()).Cells.ToDictionary(c => (c.Party, c.Period));
    }

    [Fact]
    public async Task Each_partys_weeks_are_on_time_late_missing_or_not_yet_due_and_a_missing_week_is_never_zero()
    {
        var langSon = await App.SignInAsync("langson.officer", "vi");
        var guangxi = await App.SignInAsync("guangxi.officer", "zh-Hans");
        await langSon.ReportRowAsync("2026-W46", "dengue", "VN-09", 4); // due 17 November, sent on the 22nd: late
        await langSon.ReportRowAsync("2026-W47", "dengue", "VN-09", 4); // due 24 November: on time
        await guangxi.ReportRowAsync("2026-W45", "dengue", "CN-GX", 4); // due 10 November, sent on the 22nd: late

        var cells = await CellsAsync(langSon);
        Assert.Equal(8, cells.Count); // Lang Son and its partner Guangxi, four weeks each
        Assert.Equal((ReportState.Late, 5), (cells[("VN-09", "2026-W46")].State, cells[("VN-09", "2026-W46")].DaysLate));
        Assert.Equal(ReportState.OnTime, cells[("VN-09", "2026-W47")].State);
        Assert.Equal(ReportState.Missing, cells[("VN-09", "2026-W44")].State);
        Assert.Equal(ReportState.Late, cells[("CN-GX", "2026-W45")].State);
        Assert.Equal(ReportState.Missing, cells[("CN-GX", "2026-W46")].State);
        Assert.Equal(ReportState.NotYetDue, cells[("CN-GX", "2026-W47")].State);
        Assert.Null(cells[("CN-GX", "2026-W46")].ReportedAt);
        // Due at the end of the second day after the week, in each party's own zone.
        Assert.Equal(DateTimeOffset.Parse("2026-11-24T23:59:59.9999999+08:00", System.Globalization.CultureInfo.InvariantCulture), cells[("CN-GX", "2026-W47")].DueAt);

        // The page in Vietnamese says it in words, "chưa báo cáo" where nothing came, and counts.
        var page = WebUtility.HtmlDecode(await langSon.GetStringAsync("/situation/completeness?periods=4"));
        Assert.Matches("data-testid=\"cell-CN-GX-2026-W46\">\\s*chưa báo cáo", page);
        Assert.Matches("data-testid=\"cell-VN-09-2026-W46\">\\s*Trễ 5 ngày", page);
        Assert.Contains("data-testid=\"summary-VN-09\">1 đúng hạn, 1 trễ, 2 chưa báo cáo<", page, StringComparison.Ordinal);

        // Three days on, Guangxi's week 47 is past due without a report: missing, and week 48 is not due yet.
        App.Clock.Advance(TimeSpan.FromDays(3));
        cells = await CellsAsync(await App.SignInAsync("guangxi.officer", "zh-Hans")); // a new sign-in: three days outlast a session
        Assert.Equal(ReportState.Missing, cells[("CN-GX", "2026-W47")].State);
        Assert.Equal(ReportState.NotYetDue, cells[("CN-GX", "2026-W48")].State);
        Assert.Equal(ReportState.OnTime, cells[("VN-09", "2026-W47")].State);
        Assert.Contains("VN-04", cells.Keys.Select(k => k.Item1)); // Guangxi's partners include Cao Bang, which reported nothing
        Assert.DoesNotContain(cells.Values, c => c.Party == "VN-04" && c.State != ReportState.Missing && c.State != ReportState.NotYetDue);
    }
}
