using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using Borderlink.Features.Situation;
using Borderlink.Tests.Infrastructure;

namespace Borderlink.Tests.Features.Situation;

/// <summary>
/// New cases by province on the real map (issue 21 item 4), read as the browser and an API client receive it: each
/// party's outline shaded by what it reported, "not reported" apart from zero, only what the reader may see, the
/// legend's ranges, names that do not overlap, in the four languages. Its own app: the figures it imports would change
/// what other tests count.
/// </summary>
public sealed class SituationMapTests : OwnAppTest
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public async Task Each_province_is_shaded_by_the_new_cases_its_reader_may_see_and_not_reported_is_not_zero()
    {
        // Lạng Sơn 20 (and Đồng Đăng's 7 within it), Cao Bằng an explicit 0, Guangxi 3, Yunnan 1 (shared with the Vietnamese
        // provinces across its gates, not with Guangxi); the others send nothing for W46.
        await ImportAsync("langson.officer", "2026-W46,Lang Son,dengue,20,0\n2026-W46,Dong Dang,dengue,7,0\n");
        await ImportAsync("caobang.officer", "2026-W46,Cao Bang,dengue,0,0\n");
        await ImportAsync("guangxi.officer", "2026-W46,Guangxi,dengue,3,0\n");
        await ImportAsync("yunnan.officer", "2026-W46,Yunnan,dengue,1,0\n");

        var guangxi = await App.SignInAsync("guangxi.officer", "zh-Hans");
        // The reader chooses: without asking, the page offers the map and draws none.
        var plain = await guangxi.GetStringAsync("/situation?disease=dengue");
        Assert.Contains("data-testid=\"situation-map-show\"", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"situation-map\"", plain, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"cross-border-VN-09\"", plain, StringComparison.Ordinal); // the same figures are there, as a table

        var page = await guangxi.GetStringAsync("/situation?disease=dengue&kind=Week&periods=8&map=provinces");
        Assert.Contains("data-testid=\"situation-map-hide\"", page, StringComparison.Ordinal);
        // The same map as a file, for the reader's choice of disease and period kind.
        var file = System.Text.RegularExpressions.Regex.Match(page, "href=\"([^\"]*)\" data-testid=\"situation-map-file\"").Groups[1].Value;
        Assert.Equal($"{SituationApi.MapPath}?disease=dengue&kind=Week", WebUtility.HtmlDecode(file));
        Assert.Equal(HttpStatusCode.OK, (await guangxi.GetAsync(WebUtility.HtmlDecode(file))).StatusCode);
        var svg = SvgIn(page);
        Assert.Equal("5", svg.Attribute("data-step")!.Value); // the largest, 20, in four steps of a round size
        Assert.Equal(new Dictionary<string, (int, string)>
        {
            ["VN-09"] = (4, "20"), ["CN-GX"] = (1, "3"), ["VN-04"] = (0, "0"),
            ["VN-13"] = (-1, ""), ["VN-02"] = (-1, ""), ["VN-07"] = (-1, ""), ["CN-YN"] = (-1, ""),
        }, Shades(svg));
        Assert.Equal("谅山省：新增 20 例", Title(svg, "VN-09"));
        Assert.Equal("云南省：本期未报告", Title(svg, "CN-YN"));
        var labels = Labels(svg);
        Assert.Contains("谅山省: 20", labels.Select(l => l.Text));
        Assert.Contains("云南省: –", labels.Select(l => l.Text));
        AssertApart(labels);
        Assert.Equal(["新增病例：", "未报告", "0", "1–5", "6–10", "11–15", "16–20"],
            svg.Descendants(Svg + "text").Where(t => t.Attribute("class")?.Value == "legend-text").Select(t => t.Value));
        Assert.Contains("新增病例（按省）", svg.Element(Svg + "title")!.Value, StringComparison.Ordinal);

        // Yunnan is not an audience of Lạng Sơn's report: for its reader Lạng Sơn sent nothing it may see, and the scale is
        // drawn from what Yunnan sees (its own 1), not from the 20 it may not.
        var yunnan = SvgIn(await (await App.SignInAsync("yunnan.officer", "zh-Hans")).GetStringAsync("/situation?disease=dengue&map=provinces"));
        Assert.Equal((-1, ""), Shades(yunnan)["VN-09"]);
        Assert.Equal((1, "1"), Shades(yunnan)["CN-YN"]);
        Assert.Equal("1", yunnan.Attribute("data-step")!.Value);
        Assert.Contains("谅山省: –", Labels(yunnan).Select(l => l.Text));

        // The page's link opens the map at the reader's own province (a band around its name the browser scrolls into
        // view: on a phone the frame shows half the map); each reader's band is around their own province.
        Assert.Contains("&amp;map=provinces#map-focus\" data-testid=\"situation-map-show\"", plain, StringComparison.Ordinal);
        Assert.Equal("CN-GX", Focus(svg)?.Attribute("data-party")?.Value);
        Assert.Equal("CN-YN", Focus(yunnan)?.Attribute("data-party")?.Value);
        var band = Focus(svg)!;
        var guangxiLabel = Labels(svg).Single(l => l.Text.StartsWith("广西", StringComparison.Ordinal));
        var left = double.Parse(band.Attribute("x")!.Value, CultureInfo.InvariantCulture);
        var right = left + double.Parse(band.Attribute("width")!.Value, CultureInfo.InvariantCulture);
        Assert.InRange(guangxiLabel.X + guangxiLabel.Width / 2, left, right);
    }

    private static XElement? Focus(XElement svg) => svg.Descendants(Svg + "rect").SingleOrDefault(r => r.Attribute("id")?.Value == "map-focus");

    [Fact]
    public async Task The_API_serves_the_map_as_a_document_of_its_own_in_the_callers_language()
    {
        await ImportAsync("langson.officer", "2026-W46,Lang Son,dengue,20,0\n");
        (string Language, string Title, string Province, string NotReported)[] languages =
        [
            ("vi", "Số ca mắc mới", "Tỉnh Lạng Sơn: 20 ca mới", "chưa báo cáo"),
            ("en", "New cases of", "Lang Son Province: 20 new cases", "not reported"),
            ("fr", "Nouveaux cas de", "Province de Lang Son : 20 nouveaux cas", "non déclaré"),
            ("zh-Hans", "登革热新增病例", "谅山省：新增 20 例", "未报告"),
        ];
        foreach (var (language, title, province, notReported) in languages)
        {
            var reader = await App.SignInAsync("langson.officer", language);
            var response = await reader.GetAsync($"{SituationApi.MapPath}?disease=dengue&period=2026-W46");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/svg+xml", response.Content.Headers.ContentType!.MediaType);
            var svg = XElement.Parse(await response.Content.ReadAsStringAsync());
            Assert.Contains(".sea{", svg.Element(Svg + "style")!.Value, StringComparison.Ordinal); // coloured without the app's stylesheet
            Assert.Null(Focus(svg)); // a file has no reader's view to open at
            Assert.StartsWith(title, svg.Element(Svg + "title")!.Value, StringComparison.Ordinal);
            Assert.Equal(province, Title(svg, "VN-09"));
            Assert.Contains(notReported, svg.Descendants(Svg + "text").Select(t => t.Value));
            Assert.Equal(4, Shades(svg)["VN-09"].Level);
        }

        // A week nobody reported: every province grey; a period that is not one: refused, not drawn.
        var client = await App.SignInAsync("langson.officer");
        var empty = XElement.Parse(await client.GetStringAsync($"{SituationApi.MapPath}?disease=dengue&period=2026-W40"));
        Assert.Equal(7, Shades(empty).Count);
        Assert.All(Shades(empty).Values, s => Assert.Equal(-1, s.Level));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"{SituationApi.MapPath}?disease=dengue&period=W99")).StatusCode);
    }

    private async Task ImportAsync(string user, string rows)
    {
        var client = await App.SignInAsync(user);
        var body = new ByteArrayContent(Encoding.UTF8.GetBytes("period,place,disease,new_cases,deaths\n" + rows));
        body.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var response = await client.PostAsync($"{SituationApi.Path}/imports?name=map.csv", body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static XElement SvgIn(string page)
    {
        var figure = page.IndexOf("data-testid=\"situation-map\"", StringComparison.Ordinal);
        Assert.True(figure > 0, "the page draws the map");
        var start = page.IndexOf("<svg", figure, StringComparison.Ordinal);
        var end = page.IndexOf("</svg>", start, StringComparison.Ordinal) + "</svg>".Length;
        return XElement.Parse(page[start..end]);
    }

    private static Dictionary<string, (int Level, string Cases)> Shades(XElement svg) => svg.Descendants(Svg + "path")
        .Where(p => p.Attribute("data-party") is not null)
        .ToDictionary(p => p.Attribute("data-party")!.Value,
            p => (int.Parse(p.Attribute("data-level")!.Value, CultureInfo.InvariantCulture), p.Attribute("data-new-cases")!.Value));

    private static string Title(XElement svg, string party) =>
        svg.Descendants(Svg + "path").Single(p => p.Attribute("data-party")?.Value == party).Element(Svg + "title")!.Value;

    private static List<MapLabels.Placed> Labels(XElement svg) => MapLabels.Of(svg);

    private static void AssertApart(List<MapLabels.Placed> labels)
    {
        Assert.True(labels.Count >= 7, $"a name per province: {string.Join(", ", labels.Select(l => l.Text))}");
        MapLabels.AssertApart(labels);
    }
}
