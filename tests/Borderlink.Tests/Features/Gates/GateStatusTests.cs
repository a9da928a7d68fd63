using System.Net;
using System.Net.Http.Json;
using Borderlink.Features.Gates;
using Borderlink.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Tests.Features.Gates;

/// <summary>
/// Each side states how its own gate stands per flow; the other side sees the change and when it takes effect in its
/// own zone; every change is kept. Its own app: gate states are shared by all tests otherwise.
/// The clock stands at 2026-11-22 16:30 UTC (23:30 in Lang Son, 00:30 the next day in Guangxi).
/// </summary>
public sealed class GateStatusTests : OwnAppTest
{
    private const string HuuNghi = "HUUNGHI-YOUYIGUAN";

    [Fact]
    public async Task A_change_by_the_Vietnamese_side_reaches_the_Chinese_side_in_its_own_zone_and_history_is_kept()
    {
        var langSon = await App.SignInAsync("langson.officer", "en");
        var closed = await langSon.PostAsJsonAsync($"{GatesApi.Path}/{HuuNghi}/changes", new
        {
            flow = "People", state = "Closed", effectiveFrom = "2026-11-22T16:00:00Z", reason = "Dịch hạch thể phổi tại Đồng Đăng", language = "vi",
        }, Json.Options);
        Assert.Equal(HttpStatusCode.Created, closed.StatusCode);
        var reopening = await langSon.PostAsJsonAsync($"{GatesApi.Path}/{HuuNghi}/changes", new
        {
            flow = "People", state = "Restricted", effectiveFrom = "2026-11-23T01:00:00Z", hours = "07:00–17:00", conditions = "Chỉ chuyên gia có xét nghiệm âm tính",
            reason = "Nới lỏng có điều kiện", language = "vi",
        }, Json.Options);
        Assert.Equal(HttpStatusCode.Created, reopening.StatusCode);

        var guangxi = await App.SignInAsync("guangxi.officer", "zh-Hans");
        var status = (await (await guangxi.GetAsync(GatesApi.Path)).ReadAsync<List<GatePairStatusDto>>()).Single(p => p.Code == HuuNghi);
        var people = status.Flows.Single(f => f.Party == "VN-09" && f.Flow == GateFlow.People);
        Assert.Equal((GateState.Closed, GateState.Restricted), (people.Current!.State, people.Next!.State));
        Assert.Null(status.Flows.Single(f => f.Party == "CN-GX" && f.Flow == GateFlow.People).Current);

        var page = WebUtility.HtmlDecode(await guangxi.GetStringAsync($"/gates/{HuuNghi}"));
        Assert.Contains("2026-11-23 00:00 (北京时间, UTC+8)", page, StringComparison.Ordinal);
        Assert.Contains("2026-11-23 09:00 (北京时间, UTC+8)", page, StringComparison.Ordinal);
        Assert.Contains("关闭", page, StringComparison.Ordinal);
        Assert.Contains("Dịch hạch thể phổi tại Đồng Đăng", page, StringComparison.Ordinal);
        var history = await (await guangxi.GetAsync($"{GatesApi.Path}/{HuuNghi}/history")).ReadAsync<List<GateChangeDto>>();
        Assert.Equal([GateState.Restricted, GateState.Closed], history.Select(h => h.State));
        var ownView = WebUtility.HtmlDecode(await langSon.GetStringAsync($"/gates/{HuuNghi}"));
        Assert.Contains("2026-11-22 23:00 (Hanoi time, UTC+7)", ownView, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_two_sides_officers_may_record_and_a_party_outside_the_pair_sees_nothing()
    {
        var yunnan = await App.SignInAsync("yunnan.officer");
        var refused = await yunnan.PostAsJsonAsync($"{GatesApi.Path}/{HuuNghi}/changes", new { flow = "Goods", state = "Open" }, Json.Options);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var viewer = await App.SignInAsync("langson.viewer");
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync($"{GatesApi.Path}/{HuuNghi}/changes", new { flow = "Goods", state = "Open" }, Json.Options)).StatusCode);

        var langSon = await App.SignInAsync("langson.officer", "vi");
        var noReason = await langSon.PostAsJsonAsync($"{GatesApi.Path}/{HuuNghi}/changes", new { flow = "Goods", state = "Closed" }, Json.Options);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await langSon.PostAsJsonAsync($"{GatesApi.Path}/{HuuNghi}/changes",
            new { flow = "Goods", state = "Restricted", reason = "Ưu tiên nông sản" }, Json.Options)).StatusCode);

        var yunnanView = (await (await yunnan.GetAsync(GatesApi.Path)).ReadAsync<List<GatePairStatusDto>>()).Single(p => p.Code == HuuNghi);
        Assert.All(yunnanView.Flows, f => Assert.Null(f.Current));
        Assert.Equal(1, await App.WithSystemDbAsync(db => db.AuditEntries.CountAsync(e => e.Actor == "yunnan.officer" && e.Action == "refused")));
    }
}
