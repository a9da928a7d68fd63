using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Borderlink.Features.Gates;
using Borderlink.Tests.Infrastructure;

namespace Borderlink.Tests.Features.Gates;

/// <summary>
/// The border map drawn from open geodata (issue 21 item 2), read as the browser receives it: each gate where its
/// coordinates put it, on the border, no two labels overlapping, a zoom per province, in the four languages.
/// Reads only; the shared app's gate states are whatever other tests left, which the map must show in any case.
/// </summary>
public sealed partial class BorderMapTests(SharedApp app)
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    // Independent of the app: the coordinates the reference data gives (shared/reference/detailed/gates.csv where it
    // has them), so that a map drawn from other numbers, or schematically, fails.
    private static readonly Dictionary<string, (double Lat, double Lon)> Known = new()
    {
        ["MONGCAI-DONGXING"] = (21.537, 107.962),
        ["HUUNGHI-YOUYIGUAN"] = (21.97, 106.71),
        ["TALUNG-SHUIKOU"] = (22.4878, 106.5672),
        ["SOCGIANG-PINGMENG"] = (22.9156, 105.9897),
        ["LAOCAI-HEKOU"] = (22.505, 103.962),
    };

    [Theory]
    [InlineData("vi", "Bản đồ biên giới", "Lạng Sơn")]
    [InlineData("zh-Hans", "边境地图", "广西")]
    [InlineData("en", "Border map", "Lang Son")]
    [InlineData("fr", "Carte de la frontière", "Province de Lang Son")]
    public async Task Every_gate_is_where_its_coordinates_put_it_on_the_border_and_no_labels_overlap(string language, string title, string area)
    {
        var client = await app.SignInAsync("langson.officer", language);
        var (page, svg) = await MapAsync(client, "/gates/map");
        Assert.Contains($"<h1>{title}</h1>", page, StringComparison.Ordinal);
        Assert.Contains(svg.Descendants(Svg + "text").Where(t => Class(t) == "area-label"), t => t.Value.Contains(area, StringComparison.Ordinal));

        var gates = Gates(svg);
        Assert.Equal(17, gates.Count);
        var (project, unitsPerKm) = Projection(svg);
        foreach (var (code, (lat, lon)) in Known)
        {
            var gate = gates.Single(g => g.Code == code);
            var (x, y) = project(lon, lat);
            Assert.True(Distance(gate.X, gate.Y, x, y) < 1.0, $"{code} drawn at ({gate.X}, {gate.Y}), its coordinates project to ({x:0.0}, {y:0.0})");
        }
        // West to east as on the ground; Lào Cai and Hekou face each other across the border at the western end.
        Assert.True(gates.Single(g => g.Code == "LAOCAI-HEKOU").X < gates.Single(g => g.Code == "HUUNGHI-YOUYIGUAN").X);
        Assert.True(gates.Single(g => g.Code == "HUUNGHI-YOUYIGUAN").X < gates.Single(g => g.Code == "MONGCAI-DONGXING").X);

        // Every gate lies on the China–Viet Nam boundary the map draws, within the precision it states (and 2 km of line detail).
        var border = Polyline(svg.Descendants(Svg + "path").Single(p => Class(p) == "boundary boundary-CN-VN").Attribute("d")!.Value);
        foreach (var gate in gates)
        {
            var km = border.Min(segment => SegmentDistance(gate.X, gate.Y, segment)) / unitsPerKm(gate.Lat);
            Assert.True(km <= gate.PrecisionKm + 2, $"{gate.Code} is {km:0.0} km from the boundary, more than its ±{gate.PrecisionKm} km");
        }

        var labels = Labels(svg);
        Assert.Equal(17 + 7, labels.Count); // a name per gate; five provinces, Guangxi and Yunnan
        AssertApart(labels);
        Assert.All(gates, g => Assert.Contains(labels, l => l.Gate == g.Code));
    }

    [Fact]
    public async Task A_province_zoom_shows_its_gates_larger_and_leaves_the_others_out()
    {
        var client = await app.SignInAsync("guangxi.officer", "zh-Hans");
        var (whole, wholeSvg) = await MapAsync(client, "/gates/map");
        Assert.Contains("href=\"/gates/map?view=VN-09\"", whole, StringComparison.Ordinal);
        var (page, svg) = await MapAsync(client, "/gates/map?view=VN-09");
        Assert.Contains("谅山省 – 广西壮族自治区", WebUtility.HtmlDecode(page), StringComparison.Ordinal);

        // Lạng Sơn's six gates, and a neighbour's that the frame takes in, but not Lào Cai's at the other end of the border.
        var gates = Gates(svg).Select(g => g.Code).ToList();
        Assert.Superset(new HashSet<string> { "BINHNGHI-PINGERGUAN", "CHIMA-AIDIAN", "COCNAM-NONGYAO", "DONGDANG-PINGXIANG-RAIL", "HUUNGHI-YOUYIGUAN", "TANTHANH-PUZHAI" }, gates.ToHashSet());
        Assert.DoesNotContain("LAOCAI-HEKOU", gates);
        Assert.Contains(Gates(wholeSvg), g => g.Code == "LAOCAI-HEKOU"); // the positive control: on the whole border it is drawn
        var (_, unitsPerKm) = Projection(svg);
        var (_, wholeUnitsPerKm) = Projection(wholeSvg);
        Assert.True(unitsPerKm(22) > 4 * wholeUnitsPerKm(22), "the zoom is at least four times the scale of the whole border");
        AssertApart(Labels(svg));
        Assert.Equal(["广西壮族自治区", "谅山省"], Labels(svg).Where(l => l.Gate is null).Select(l => l.Text).Order(StringComparer.Ordinal));

        // Anything else is the whole border, not an error.
        var (_, unknown) = await MapAsync(client, "/gates/map?view=%3Cscript%3E");
        Assert.Equal(17, Gates(unknown).Count);
    }

    [Fact]
    public async Task The_API_serves_the_same_map_as_a_document_of_its_own_and_every_pair_with_its_location()
    {
        var client = await app.SignInAsync("caobang.officer", "vi");
        var response = await client.GetAsync($"{GatesApi.Path}/map.svg?view=VN-04");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType!.MediaType);
        var svg = XElement.Parse(await response.Content.ReadAsStringAsync());
        Assert.NotNull(svg.Element(Svg + "style")); // coloured without the app's stylesheet
        Assert.Contains(Gates(svg), g => g.Code == "TALUNG-SHUIKOU");
        Assert.DoesNotContain(Gates(svg), g => g.Code == "MONGCAI-DONGXING");
        Assert.Contains(Labels(svg), l => l.Text == "Tỉnh Cao Bằng");
        AssertApart(Labels(svg));

        var pairs = await (await client.GetAsync(GatesApi.Path)).ReadAsync<List<GatePairStatusDto>>();
        var huuNghi = pairs.Single(p => p.Code == "HUUNGHI-YOUYIGUAN").Location!;
        Assert.Equal((21.97, 106.71, 3.0), (huuNghi.Latitude, huuNghi.Longitude, huuNghi.PrecisionKm));
        Assert.Contains("gates.csv", huuNghi.Basis, StringComparison.Ordinal);
        Assert.All(pairs, p => Assert.NotNull(p.Location));

        // The gate's own page says where it is, in the reader's words, and leads to its province's stretch of the map.
        var gatePage = WebUtility.HtmlDecode(await client.GetStringAsync("/gates/TALUNG-SHUIKOU"));
        Assert.Contains("Vị trí: 22,488° vĩ Bắc, 106,567° kinh Đông, sai số khoảng 2 km", gatePage, StringComparison.Ordinal);
        Assert.Contains("href=\"/gates/map?view=VN-04\"", gatePage, StringComparison.Ordinal);
    }

    private static async Task<(string Page, XElement Svg)> MapAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        var start = page.IndexOf("<svg", StringComparison.Ordinal);
        var end = page.IndexOf("</svg>", start, StringComparison.Ordinal) + "</svg>".Length;
        return (page, XElement.Parse(page[start..end]));
    }

    private sealed record Gate(string Code, double X, double Y, double Lat, double PrecisionKm);
    private sealed record Label(string Text, string? Gate, double X, double Y, double Width, double Height) : MapLabels.Placed(Text, X, Y, Width, Height);

    private static List<Gate> Gates(XElement svg) => svg.Descendants(Svg + "a").Select(a =>
    {
        var code = a.Attribute("data-testid")!.Value["gate-".Length..];
        var half = a.Descendants(Svg + "path").First().Attribute("d")!.Value;
        var numbers = Numbers(half);
        return new Gate(code, (numbers[0] + numbers[7]) / 2, numbers[1], Number(a, "data-lat"), Number(a, "data-precision-km"));
    }).ToList();

    private static List<Label> Labels(XElement svg) => svg.Descendants(Svg + "text").Select(t =>
    {
        var box = Numbers(t.Attribute("data-box")!.Value);
        // The drawn text starts at the box and is told to take exactly its width, so the box is what the reader sees.
        Assert.Equal(box[0], Number(t, "x"), 1);
        Assert.Equal(box[2], Number(t, "textLength"), 1);
        var gate = t.Parent!.Name == Svg + "a" ? t.Parent.Attribute("data-testid")!.Value["gate-".Length..] : null;
        return new Label(t.Value, gate, box[0], box[1], box[2], box[3]);
    }).ToList();

    private static void AssertApart(List<Label> labels) => MapLabels.AssertApart(labels);

    /// <summary>Spherical Mercator from the bounds the map states, written here from the formula, not taken from the app.</summary>
    private static (Func<double, double, (double X, double Y)> Project, Func<double, double> UnitsPerKm) Projection(XElement svg)
    {
        var b = Numbers(svg.Attribute("data-bounds")!.Value);
        var width = Numbers(svg.Attribute("viewBox")!.Value)[2];
        Assert.Equal("mercator", svg.Attribute("data-projection")!.Value);
        static double Rad(double d) => d * Math.PI / 180;
        static double Y(double lat) => Math.Log(Math.Tan(Math.PI / 4 + Rad(lat) / 2));
        var k = width / Rad(b[2] - b[0]);
        return ((lon, lat) => (Rad(lon - b[0]) * k, (Y(b[3]) - Y(lat)) * k), lat => k / (6371 * Math.Cos(Rad(lat))));
    }

    private static List<(double X1, double Y1, double X2, double Y2)> Polyline(string d)
    {
        var segments = new List<(double, double, double, double)>();
        foreach (var run in d.Split('M', StringSplitOptions.RemoveEmptyEntries))
        {
            var n = Numbers(run);
            for (var i = 0; i + 3 < n.Count; i += 2) segments.Add((n[i], n[i + 1], n[i + 2], n[i + 3]));
        }
        Assert.True(segments.Count > 50, "the boundary is a real line, not a schematic stroke");
        return segments;
    }

    private static double SegmentDistance(double x, double y, (double X1, double Y1, double X2, double Y2) s)
    {
        var (dx, dy) = (s.X2 - s.X1, s.Y2 - s.Y1);
        var t = dx == 0 && dy == 0 ? 0 : Math.Clamp(((x - s.X1) * dx + (y - s.Y1) * dy) / (dx * dx + dy * dy), 0, 1);
        return Distance(x, y, s.X1 + t * dx, s.Y1 + t * dy);
    }

    private static double Distance(double x1, double y1, double x2, double y2) => Math.Sqrt((x1 - x2) * (x1 - x2) + (y1 - y2) * (y1 - y2));
    private static string? Class(XElement e) => e.Attribute("class")?.Value;
    private static double Number(XElement e, string attribute) => double.Parse(e.Attribute(attribute)!.Value, CultureInfo.InvariantCulture);
    private static List<double> Numbers(string text) => NumberPattern().Matches(text).Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture)).ToList();

    [GeneratedRegex(@"-?\d+(\.\d+)?")]
    private static partial Regex NumberPattern();
}
