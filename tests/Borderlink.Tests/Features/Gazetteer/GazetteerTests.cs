using Borderlink.Features.Gazetteer;
using Borderlink.Tests.Infrastructure;

namespace Borderlink.Tests.Features.Gazetteer;

public sealed class GazetteerTests(SharedApp app)
{
    [Theory]
    [InlineData("Lang Son")]
    [InlineData("Lạng Sơn")]
    [InlineData("LANG SON")]
    [InlineData("Lng Sõn")]
    [InlineData("谅山")]
    [InlineData("諒山")]
    [InlineData("lang-son")]
    public async Task Every_spelling_of_Lang_Son_finds_Lang_Son_first(string query)
    {
        var client = await app.SignInAsync("guangxi.viewer");
        var results = await (await client.GetAsync($"/api/v1/gazetteer?q={Uri.EscapeDataString(query)}")).ReadAsync<List<GazetteerResultDto>>();

        Assert.NotEmpty(results);
        Assert.Contains(results[0].Code, new[] { "VN-09", "VN-09-LS" });
        Assert.Contains(results.Take(3), r => r.Code == "VN-09-LS");
        Assert.DoesNotContain(results.Take(2), r => r.Code.StartsWith("CN-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ha_Giang_is_found_and_says_it_is_part_of_Tuyen_Quang_since_2025_07_01()
    {
        var client = await app.SignInAsync("langson.viewer", language: "en");
        var results = await (await client.GetAsync("/api/v1/gazetteer?q=Ha%20Giang")).ReadAsync<List<GazetteerResultDto>>();

        var haGiang = results[0];
        Assert.Equal("VN-03", haGiang.Code);
        Assert.NotNull(haGiang.SucceededBy);
        Assert.Equal("VN-07", haGiang.SucceededBy!.Code);
        Assert.Equal(new DateOnly(2025, 7, 1), haGiang.SucceededBy.Since);
        Assert.Equal("Ha Giang Province has been part of Tuyen Quang Province since 2025-07-01.", haGiang.SucceededBy.Message);
    }

    [Fact]
    public async Task The_search_page_shows_the_succession_in_the_readers_language()
    {
        var client = await app.SignInAsync("guangxi.viewer", language: "zh-Hans");
        var html = await client.GetStringAsync("/gazetteer?q=%E6%B2%B3%E6%B1%9F"); // 河江
        Assert.Contains("河江省 自 2025-07-01 起已并入 宣光省。", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gates_are_found_from_either_side_of_the_border()
    {
        var client = await app.SignInAsync("guangxi.viewer");
        var fromChina = await (await client.GetAsync("/api/v1/gazetteer?q=%E5%8F%8B%E8%B0%8A%E5%85%B3")).ReadAsync<List<GazetteerResultDto>>(); // 友谊关
        var fromVietnam = await (await client.GetAsync("/api/v1/gazetteer?q=huu%20nghi")).ReadAsync<List<GazetteerResultDto>>();
        Assert.Equal("HUUNGHI-YOUYIGUAN", fromChina[0].Code);
        Assert.Equal("HUUNGHI-YOUYIGUAN", fromVietnam[0].Code);
    }

    [Fact]
    public async Task Nonsense_finds_nothing()
    {
        var client = await app.SignInAsync("guangxi.viewer");
        var results = await (await client.GetAsync("/api/v1/gazetteer?q=zzqxw")).ReadAsync<List<GazetteerResultDto>>();
        Assert.Empty(results);
        // Positive control: the same request with a real name finds it.
        Assert.NotEmpty(await (await client.GetAsync("/api/v1/gazetteer?q=lang%20son")).ReadAsync<List<GazetteerResultDto>>());
    }

    [Theory]
    [InlineData("Lạng Sơn", "langson")]
    [InlineData("ĐỒNG ĐĂNG", "dongdang")]
    [InlineData("諒山", "谅山")]
    [InlineData("  Móng-Cái ", "mongcai")]
    public void Folding_ignores_case_accents_spaces_and_traditional_characters(string input, string expected) =>
        Assert.Equal(expected, SearchKey.Fold(input));
}
