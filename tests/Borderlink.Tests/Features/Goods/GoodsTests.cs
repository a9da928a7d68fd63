using System.Net;
using System.Net.Http.Json;
using Borderlink.Features.Goods;
using Borderlink.Tests.Infrastructure;

namespace Borderlink.Tests.Features.Goods;

/// <summary>Goods lists per side of a gate pair, and a proposal to extend them answered by a counter-proposal that is accepted.</summary>
public sealed class GoodsTests(SharedApp app)
{
    private const string Gate = "TANTHANH-PUZHAI";

    [Fact]
    public async Task A_proposal_countered_and_accepted_extends_both_sides_lists()
    {
        var langSon = await app.SignInAsync("langson.officer", "vi");
        var guangxi = await app.SignInAsync("guangxi.officer", "zh-Hans");
        var bad = await langSon.PostAsJsonAsync($"/api/v1/gates/{Gate}/goods/proposals",
            new { items = new[] { new { name = "Sầu riêng", hsCode = "0810.60x", priority = true, effectiveFrom = "2026-12-01" } }, message = "", language = "vi" }, Json.Options);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        var proposed = await langSon.PostAsJsonAsync($"/api/v1/gates/{Gate}/goods/proposals", new
        {
            items = new[] { new { name = "Sầu riêng tươi", hsCode = "0810.60", priority = true, effectiveFrom = "2026-12-01" } },
            message = "Đề nghị bổ sung sầu riêng vào danh mục ưu tiên thông quan", language = "vi",
        }, Json.Options);
        Assert.Equal(HttpStatusCode.Created, proposed.StatusCode);
        var proposal = await proposed.ReadAsync<GoodsProposalDto>();

        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("caobang.officer")).PostAsJsonAsync($"/api/v1/goods-proposals/{proposal.Id}/answer",
            new { kind = "Accepted" }, Json.Options)).StatusCode);
        var countered = await guangxi.PostAsJsonAsync($"/api/v1/goods-proposals/{proposal.Id}/answer", new
        {
            kind = "CounterProposal", note = "同意榴莲，并增加火龙果", language = "zh-Hans",
            counterItems = new[]
            {
                new { name = "Sầu riêng tươi", hsCode = "0810.60", priority = true, effectiveFrom = "2026-12-15" },
                new { name = "Thanh long", hsCode = "0810.90", priority = true, effectiveFrom = "2026-12-15" },
            },
        }, Json.Options);
        Assert.Equal(HttpStatusCode.Created, countered.StatusCode);
        var counter = (await countered.ReadAsync<GoodsAnswerDto>()).CounterProposalId!.Value;
        Assert.Equal(HttpStatusCode.Conflict, (await guangxi.PostAsJsonAsync($"/api/v1/goods-proposals/{proposal.Id}/answer", new { kind = "Accepted" }, Json.Options)).StatusCode);

        // Lang Son accepts the counter-proposal: the goods join its list; Guangxi then takes them into its own.
        Assert.Equal(HttpStatusCode.Created, (await langSon.PostAsJsonAsync($"/api/v1/goods-proposals/{counter}/answer", new { kind = "Accepted" }, Json.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await guangxi.PostAsync($"/api/v1/goods-proposals/{counter}/apply", null)).StatusCode);
        var lists = await (await langSon.GetAsync($"/api/v1/gates/{Gate}/goods")).ReadAsync<List<GoodsListDto>>();
        Assert.Equal(2, lists.Count);
        Assert.All(lists, l => Assert.Equal(["Sầu riêng tươi", "Thanh long"], l.Items.Select(i => i.Name).Order(StringComparer.Ordinal)));
        Assert.All(lists, l => Assert.All(l.Items, i => Assert.True(i.Priority)));
        var page = WebUtility.HtmlDecode(await guangxi.GetStringAsync($"/gates/{Gate}/goods"));
        Assert.Contains("反提议", page, StringComparison.Ordinal);
        Assert.Contains("Thanh long", page, StringComparison.Ordinal);
    }
}
