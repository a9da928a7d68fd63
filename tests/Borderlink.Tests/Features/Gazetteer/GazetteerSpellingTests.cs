using Borderlink.Features.Gazetteer;
using Borderlink.Tests.Infrastructure;

namespace Borderlink.Tests.Features.Gazetteer;

/// <summary>
/// The gazetteer built from the open datasets (tools/gazetteer): communes and wards of the five Vietnamese border
/// provinces since 1 July 2025, their districts and communes before it, and the Chinese border prefectures, counties
/// and townships — each found first from the spellings people write, on both sides of the border.
/// </summary>
public sealed class GazetteerSpellingTests(SharedApp app)
{
    [Theory]
    // Vietnam, communes and wards since 2025-07-01: with and without diacritics, with their kind, in English.
    [InlineData("Lộc Bình", "VN-09-06529")]
    [InlineData("Loc Binh", "VN-09-06529")]
    [InlineData("loc-binh", "VN-09-06529")]
    [InlineData("Xã Lộc Bình", "VN-09-06529")]
    [InlineData("Loc Binh Commune", "VN-09-06529")]
    [InlineData("Đồng Đăng", "VN-09-DD")]
    [InlineData("DONG DANG", "VN-09-DD")]
    [InlineData("Dong Dang Commune", "VN-09-DD")]
    [InlineData("Kỳ Lừa", "VN-09-06187")]
    [InlineData("Ky Lua", "VN-09-06187")]
    [InlineData("Phường Kỳ Lừa", "VN-09-06187")]
    [InlineData("Na Dương", "VN-09-06526")]
    [InlineData("Na Duong", "VN-09-06526")]
    [InlineData("Hoành Mô", "VN-13-06841")]
    [InlineData("Hoanh Mo", "VN-13-06841")]
    [InlineData("Bình Liêu", "VN-13-06838")]
    [InlineData("Bat Xat", "VN-02-02683")]
    [InlineData("Trùng Khánh", "VN-04-01477")]
    [InlineData("Mèo Vạc", "VN-07-00769")]
    [InlineData("Meo Vac", "VN-07-00769")]
    [InlineData("Đồng Văn", "VN-07-00721")]
    [InlineData("Văn Lãng", "VN-09-06154")]
    [InlineData("Móng Cái 1", "VN-13-06712")]
    // Vietnam, names that no longer exist since 2025-07-01: districts, towns, communes.
    [InlineData("Huyện Lộc Bình", "VN-09-D188")]
    [InlineData("Huyen Loc Binh", "VN-09-D188")]
    [InlineData("Hải Hà", "VN-13-D201")]
    [InlineData("Hai Ha", "VN-13-D201")]
    [InlineData("Thị trấn Tà Lùng", "VN-04-F01627")]
    [InlineData("Thị trấn Na Dương", "VN-09-F06526")]
    [InlineData("Huyện Tràng Định", "VN-09-D180")]
    [InlineData("Huyện Đồng Văn", "VN-07-D026")]
    [InlineData("Thành phố Móng Cái", "VN-13-MC")]
    // China: simplified, traditional, pinyin with and without tones, English, the Vietnamese reading.
    [InlineData("凭祥", "CN-GX-PX")]
    [InlineData("憑祥", "CN-GX-PX")]
    [InlineData("凭祥市", "CN-GX-PX")]
    [InlineData("Pingxiang City", "CN-GX-PX")]
    [InlineData("Pingxiang", "CN-GX-PX")]
    [InlineData("Píngxiáng", "CN-GX-PX")]
    [InlineData("Bằng Tường", "CN-GX-PX")]
    [InlineData("东兴", "CN-GX-DX")]
    [InlineData("東興市", "CN-GX-DX")]
    [InlineData("Dongxing", "CN-GX-DX")]
    [InlineData("Đông Hưng", "CN-GX-DX")]
    [InlineData("龙州县", "CN-GX-LZ")]
    [InlineData("龍州", "CN-GX-LZ")]
    [InlineData("Longzhou", "CN-GX-LZ")]
    [InlineData("河口", "CN-YN-HK")]
    [InlineData("Hekou", "CN-YN-HK")]
    [InlineData("Hà Khẩu", "CN-YN-HK")]
    [InlineData("友谊镇", "CN-GX-451481101")]
    [InlineData("友誼鎮", "CN-GX-451481101")]
    [InlineData("Youyi Town", "CN-GX-451481101")]
    [InlineData("水口镇", "CN-GX-451423102")]
    [InlineData("爱店", "CN-GX-451422101")]
    [InlineData("Aidian", "CN-GX-451422101")]
    [InlineData("峒中", "CN-GX-450603105")]
    [InlineData("硕龙镇", "CN-GX-451424103")]
    [InlineData("平孟", "CN-GX-451026101")]
    [InlineData("那坡", "CN-GX-NP")]
    [InlineData("Napo", "CN-GX-NP")]
    [InlineData("金平", "CN-YN-532530")]
    [InlineData("麻栗坡", "CN-YN-532624")]
    [InlineData("Malipo", "CN-YN-532624")]
    [InlineData("红河", "CN-YN-5325")]
    [InlineData("Honghe", "CN-YN-5325")]
    [InlineData("崇左", "CN-GX-CZ")]
    [InlineData("Fangchenggang", "CN-GX-FCG")]
    [InlineData("Bách Sắc", "CN-GX-BS")]
    [InlineData("江平镇", "CN-GX-450681101")]
    [InlineData("龙邦", "CN-GX-451081107")]
    // China, as Vietnamese writes it: the Hán-Việt reading, with its kind, with and without diacritics ("Ái Điếm" alone
    // is the Chi Ma – Aidian gate pair's name: below).
    [InlineData("Trấn Ái Điếm", "CN-GX-451422101")]
    [InlineData("Tran Ai Diem", "CN-GX-451422101")]
    [InlineData("Giang Bình", "CN-GX-450681101")]
    [InlineData("Thượng Tư", "CN-GX-450621")]
    [InlineData("Huyện Thượng Tư", "CN-GX-450621")]
    [InlineData("Trấn Xí Sa", "CN-GX-450602100")]
    [InlineData("Châu tự trị Hồng Hà", "CN-YN-5325")]
    [InlineData("Huyện Hồng Hà", "CN-YN-532529")]
    public async Task Each_spelling_finds_its_place_first(string query, string code)
    {
        // A Guangxi reader: among equally good matches its own party's come first (a Cao Bằng reader gets its gate
        // pair Trà Lĩnh – 龙邦 for "龙邦"), which a Chinese place name then is.
        var client = await app.SignInAsync("guangxi.viewer");
        var results = await (await client.GetAsync($"/api/v1/gazetteer?q={Uri.EscapeDataString(query)}")).ReadAsync<List<GazetteerResultDto>>();
        Assert.NotEmpty(results);
        Assert.Equal(code, results[0].Code);
    }

    [Theory]
    [InlineData("Huyện Lộc Bình", "VN-09-06529", "Xã Lộc Bình")]
    [InlineData("Hải Hà", null, null)]
    [InlineData("Thị trấn Tà Lùng", "VN-04-01648", null)]
    [InlineData("Thị trấn Na Dương", "VN-09-06526", "Xã Na Dương")]
    public async Task A_former_unit_answers_with_what_it_became_and_from_when(string query, string? successor, string? successorName)
    {
        var client = await app.SignInAsync("langson.viewer", "vi");
        var first = (await (await client.GetAsync($"/api/v1/gazetteer?q={Uri.EscapeDataString(query)}")).ReadAsync<List<GazetteerResultDto>>())[0];
        var succession = Assert.IsType<SuccessionDto>(first.SucceededBy);
        Assert.Equal(new DateOnly(2025, 7, 1), succession.Since);
        Assert.NotEmpty(succession.All);
        Assert.StartsWith(first.Name + " đã được sắp xếp thành ", succession.Message, StringComparison.Ordinal);
        Assert.EndsWith(" từ ngày 2025-07-01.", succession.Message, StringComparison.Ordinal);
        if (successor is not null)
        {
            Assert.Contains(succession.All, s => s.Code == successor && (successorName is null || s.Name == successorName));
        }
        // Each successor exists today and is found as such.
        foreach (var s in succession.All)
        {
            var found = (await (await client.GetAsync($"/api/v1/gazetteer?q={Uri.EscapeDataString(s.Name)}")).ReadAsync<List<GazetteerResultDto>>())[0];
            Assert.Equal((s.Code, (SuccessionDto?)null), (found.Code, found.SucceededBy));
        }
    }

    [Fact]
    public async Task Among_equally_good_matches_the_readers_own_party_comes_first()
    {
        async Task<string> FirstAsync(string user) =>
            (await (await (await app.SignInAsync(user)).GetAsync("/api/v1/gazetteer?q=%E9%BE%99%E9%82%A6")).ReadAsync<List<GazetteerResultDto>>())[0].Code; // 龙邦
        Assert.Equal("TRALINH-LONGBANG", await FirstAsync("caobang.viewer")); // Cao Bằng keeps the Trà Lĩnh gate of the pair
        Assert.Equal("CN-GX-451081107", await FirstAsync("guangxi.viewer")); // Guangxi's town of Longbang
    }

    [Fact]
    public async Task A_township_is_shown_with_its_level_and_where_it_is_in_the_readers_language()
    {
        var chinese = await app.SignInAsync("guangxi.viewer", "zh-Hans");
        var youyi = (await (await chinese.GetAsync("/api/v1/gazetteer?q=%E5%8F%8B%E8%B0%8A%E9%95%87")).ReadAsync<List<GazetteerResultDto>>())[0]; // 友谊镇
        Assert.Equal(("town", "镇"), (youyi.Level, youyi.LevelName));
        Assert.Equal(["CN-GX-PX", "CN-GX-CZ", "CN-GX"], youyi.Within.Select(w => w.Code));
        Assert.Equal("凭祥市", youyi.Within[0].Name);

        var page = System.Net.WebUtility.HtmlDecode(await (await app.SignInAsync("langson.viewer", "vi")).GetStringAsync("/gazetteer?q=Huy%E1%BB%87n%20L%E1%BB%99c%20B%C3%ACnh"));
        Assert.Contains("Huyện cũ (đến 30/6/2025)", page, StringComparison.Ordinal);
        Assert.Contains("Huyện Lộc Bình đã được sắp xếp thành ", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"within\">Tỉnh Lạng Sơn<", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Vietnamese_reader_reads_a_Chinese_township_by_its_Sino_Vietnamese_name()
    {
        async Task<GazetteerResultDto> FirstAsync(string language, string query) =>
            (await (await (await app.SignInAsync("langson.viewer", language)).GetAsync($"/api/v1/gazetteer?q={Uri.EscapeDataString(query)}"))
                .ReadAsync<List<GazetteerResultDto>>())[0];
        var aidian = await FirstAsync("vi", "爱店镇");
        Assert.Equal(("CN-GX-451422101", "Trấn Ái Điếm"), (aidian.Code, aidian.Name));
        Assert.Equal("Ninh Minh", aidian.Within[0].Name);
        Assert.Equal("Aidian Town", (await FirstAsync("en", "爱店镇")).Name); // the English reader keeps the pinyin
        var page = System.Net.WebUtility.HtmlDecode(await (await app.SignInAsync("langson.viewer", "vi")).GetStringAsync("/gazetteer?q=Thuong%20Tu"));
        Assert.Contains("Huyện Thượng Tư", page, StringComparison.Ordinal);
        // A gate's Vietnamese name comes before a township whose name only reads so: "Hữu Nghị" is the gate, for a
        // Guangxi reader too, and the town of 友谊镇 read in Vietnamese comes next.
        var huuNghi = await (await (await app.SignInAsync("guangxi.viewer")).GetAsync("/api/v1/gazetteer?q=H%E1%BB%AFu%20Ngh%E1%BB%8B")).ReadAsync<List<GazetteerResultDto>>();
        Assert.Equal(["HUUNGHI-YOUYIGUAN", "CN-GX-451481101"], huuNghi.Take(2).Select(r => r.Code));
        // 嘎 is not in the dictionary the readings come from: 嘎娘乡 gets no reading rather than a guess, and a
        // Vietnamese reader sees its English name.
        var ganiang = await FirstAsync("vi", "嘎娘乡");
        Assert.Equal(("CN-YN-532528204", "Ganiang Township"), (ganiang.Code, ganiang.Name));
    }
}
