using System.Globalization;
using System.Text;
using System.Xml;
using Borderlink.Features.Gates.Map;
using Microsoft.Extensions.Localization;

namespace Borderlink.Features.Situation;

/// <summary>
/// The classes of a choropleth of new cases: "not reported" (no report for the period: not the same as none), zero,
/// then up to <see cref="Steps"/> equal steps of a round size (1, 2 or 5 times a power of ten) that the largest value fits in.
/// </summary>
public sealed record ChoroplethScale(int Step)
{
    public const int Steps = 4;
    public const int NotReported = -1;

    public static ChoroplethScale For(IEnumerable<int?> values)
    {
        var max = values.Select(v => v ?? 0).DefaultIfEmpty(0).Max();
        var wanted = Math.Max(1, (int)Math.Ceiling(max / (double)Steps));
        for (var power = 1L; ; power *= 10)
        {
            foreach (var factor in new[] { 1, 2, 5 })
            {
                if (factor * power >= wanted) return new ChoroplethScale((int)(factor * power));
            }
        }
    }

    /// <summary>0 for none, 1…<see cref="Steps"/> for the steps, <see cref="NotReported"/> without a report.</summary>
    public int LevelOf(int? cases) => cases switch
    {
        null => NotReported,
        <= 0 => 0,
        { } n => Math.Min(Steps, (n - 1) / Step + 1),
    };

    /// <summary>The levels the legend shows: not reported, none, and every step.</summary>
    public IEnumerable<int> Levels => new[] { NotReported, 0 }.Concat(Enumerable.Range(1, Steps));

    public string RangeText(int level, CultureInfo culture) => level switch
    {
        0 => 0.ToString(culture),
        _ when Step == 1 => level.ToString(culture),
        _ => $"{((level - 1) * Step + 1).ToString(culture)}–{(level * Step).ToString(culture)}",
    };
}

/// <summary>
/// New cases by province on the real border map (issue 21 item 4): each party's outline — the five Vietnamese border
/// provinces, Guangxi and Yunnan — shaded by the new cases it reported for one period of one disease, grey where it sent
/// no report, its name and figure placed without overlaps, and the legend in a strip below the map. Server-side SVG,
/// the same document on the situation page and from the API. Places below province level count for their province
/// already: a report's figures are its party's.
/// </summary>
public static class SituationMapSvg
{
    private const double AreaFont = 14, LegendFont = 13, Swatch = 14, LegendRow = 24;
    private const string SvgNamespace = "http://www.w3.org/2000/svg";

    // A document served on its own (the API) carries its colours; on the page they come from app.css (the page's
    // content security policy allows no inline style), with the same fills in every theme: the names carry a halo.
    private const string StandaloneStyle =
        ".level--1{fill:#b9bfc4}.level-0{fill:#fbf6e9}.level-1{fill:#fdd49e}.level-2{fill:#fc8d59}.level-3{fill:#e34a33}.level-4{fill:#a50f15}" +
        ".sea{fill:#dcebf2}.land{fill:#f1eee6}.choropleth{stroke:#3d464d;stroke-width:.8}.boundary{fill:none;stroke:#1d2328;stroke-width:2.2;stroke-dasharray:9 3 2 3}" +
        "text{fill:#1d2328;stroke:#fff;stroke-width:3px;paint-order:stroke;font-family:sans-serif}.area-label{font-weight:700}.legend-strip{fill:#fff}.swatch{stroke:#3d464d}";

    /// <summary>The id of the band around the reader's province that the page's link scrolls the map to (a phone shows a part of it).</summary>
    public const string FocusId = "map-focus";

    /// <summary>The share of the map's width the focus band spans: narrower than a phone's frame, so all of it comes into view.</summary>
    private const double FocusShare = 0.35;

    /// <summary>Whether the map draws <paramref name="party"/>'s province (and so holds a focus band for its reader).</summary>
    public static bool Draws(string? party) => party is not null && MapView.For(null, []).LabelPoint(party) is not null;

    public static string Render(IReadOnlyList<CrossBorderLine> lines, string diseaseName, string period, Func<string, string> partyName, IStringLocalizer L,
        bool standalone = false, string? focus = null)
    {
        var view = MapView.For(null, []);
        var projection = view.Projection;
        var cases = lines.ToDictionary(l => l.Party, l => l.NewCases, StringComparer.Ordinal);
        var scale = ChoroplethScale.For(cases.Values);
        var culture = CultureInfo.CurrentCulture;
        int? CasesOf(string party) => cases.GetValueOrDefault(party);
        string Figure(string party) => CasesOf(party) is { } n ? n.ToString(culture) : "–";

        var placer = new LabelPlacer(projection.Width, projection.Height);
        var parties = view.Shapes.Where(s => s.Kind == "province").Select(s => s.Code).ToList();
        var labels = parties
            .Select(p => view.LabelPoint(p) is { } at ? placer.PlaceArea($"{partyName(p)}: {Figure(p)}", at.X, at.Y, AreaFont) : null)
            .OfType<MapLabel>().ToList();

        var legend = Legend(scale, culture, L, projection.Width);
        var height = projection.Height + legend.Height;
        var text = new StringBuilder();
        using (var svg = XmlWriter.Create(text, new XmlWriterSettings { OmitXmlDeclaration = true, ConformanceLevel = ConformanceLevel.Fragment }))
        {
            svg.WriteStartElement("svg", SvgNamespace);
            svg.WriteAttributeString("viewBox", $"0 0 {Svg.Number(projection.Width)} {Svg.Number(height)}");
            svg.WriteAttributeString("role", "img");
            svg.WriteAttributeString("aria-labelledby", "situation-map-title situation-map-desc");
            svg.WriteAttributeString("data-step", scale.Step.ToString(CultureInfo.InvariantCulture));
            Element(svg, "title", ("id", "situation-map-title")).WriteString(L["Situation.MapTitle", diseaseName, period]);
            svg.WriteEndElement();
            Element(svg, "desc", ("id", "situation-map-desc")).WriteString(L["Situation.MapDesc"]);
            svg.WriteEndElement();
            if (standalone)
            {
                Element(svg, "style").WriteString(StandaloneStyle);
                svg.WriteEndElement();
            }
            Element(svg, "rect", ("class", "sea"), ("width", Svg.Number(projection.Width)), ("height", Svg.Number(projection.Height)));
            svg.WriteEndElement();

            // An invisible band the height of the map around the reader's province: following the page's link to it, the
            // browser scrolls the page to the map's top and the map's frame sideways until the band, and the province's
            // name in it, are in view (on a phone the frame shows about half the map; it would open on the west).
            if (focus is not null && view.LabelPoint(focus) is { } centre)
            {
                var width = projection.Width * FocusShare;
                var x = Math.Clamp(centre.X - width / 2, 0, projection.Width - width);
                Element(svg, "rect", ("id", FocusId), ("class", "map-focus"), ("data-party", focus), ("x", Svg.Number(x)), ("y", "0"),
                    ("width", Svg.Number(width)), ("height", Svg.Number(projection.Height)), ("fill", "none"), ("aria-hidden", "true"));
                svg.WriteEndElement();
            }
            foreach (var shape in view.Shapes.Where(s => s.Kind == "land"))
            {
                Element(svg, "path", ("class", $"land land-{shape.Code}"), ("d", shape.Path));
                svg.WriteEndElement();
            }
            foreach (var shape in view.Shapes.Where(s => s.Kind == "province"))
            {
                var level = scale.LevelOf(CasesOf(shape.Code));
                Element(svg, "path", ("class", $"choropleth level-{level}"), ("data-party", shape.Code), ("data-level", level.ToString(CultureInfo.InvariantCulture)),
                    ("data-new-cases", CasesOf(shape.Code)?.ToString(CultureInfo.InvariantCulture) ?? ""), ("d", shape.Path));
                Element(svg, "title").WriteString(CasesOf(shape.Code) is { } n
                    ? L["Situation.MapProvince", partyName(shape.Code), n]
                    : L["Situation.MapProvinceNotReported", partyName(shape.Code)]);
                svg.WriteEndElement();
                svg.WriteEndElement();
            }
            foreach (var shape in view.Shapes.Where(s => s.Kind == "boundary"))
            {
                Element(svg, "path", ("class", $"boundary boundary-{shape.Code}"), ("d", shape.Path));
                svg.WriteEndElement();
            }
            foreach (var label in labels) BorderMapSvg.Label(svg, label, "area-label");

            Element(svg, "g", ("class", "legend"), ("transform", $"translate(0,{Svg.Number(projection.Height)})"));
            Element(svg, "rect", ("class", "legend-strip"), ("width", Svg.Number(projection.Width)), ("height", Svg.Number(legend.Height)));
            svg.WriteEndElement();
            foreach (var item in legend.Items)
            {
                if (item.Level is { } level)
                {
                    Element(svg, "rect", ("class", $"swatch level-{level}"), ("x", Svg.Number(item.X)), ("y", Svg.Number(item.Y + 2)),
                        ("width", Svg.Number(Swatch)), ("height", Svg.Number(Swatch)), ("data-level", level.ToString(CultureInfo.InvariantCulture)));
                    svg.WriteEndElement();
                }
                var x = item.Level is null ? item.X : item.X + Swatch + 5;
                Element(svg, "text", ("class", "legend-text"), ("x", Svg.Number(x)), ("y", Svg.Number(item.Y + 14)), ("font-size", Svg.Number(LegendFont)),
                    ("textLength", Svg.Number(LabelPlacer.TextWidth(item.Text, LegendFont))), ("lengthAdjust", "spacingAndGlyphs"));
                svg.WriteString(item.Text);
                svg.WriteEndElement();
            }
            svg.WriteEndElement();
            svg.WriteEndElement();
        }
        return text.ToString();
    }

    private sealed record LegendItem(int? Level, string Text, double X, double Y);

    /// <summary>The legend's items laid out in rows across the strip below the map: its heading, then a swatch per level.</summary>
    private static (List<LegendItem> Items, double Height) Legend(ChoroplethScale scale, CultureInfo culture, IStringLocalizer L, double width)
    {
        const double Pad = 10, Gap = 18;
        var items = new List<LegendItem>();
        var (x, y) = (Pad, Pad);
        void Add(int? level, string text)
        {
            var w = LabelPlacer.TextWidth(text, LegendFont) + (level is null ? 0 : Swatch + 5);
            if (x > Pad && x + w > width - Pad) (x, y) = (Pad, y + LegendRow);
            items.Add(new LegendItem(level, text, x, y));
            x += w + Gap;
        }
        Add(null, L["Situation.MapLegend"]);
        foreach (var level in scale.Levels)
            Add(level, level == ChoroplethScale.NotReported ? L["Situation.MapNotReported"] : scale.RangeText(level, culture));
        return (items, y + LegendRow + Pad);
    }

    private static XmlWriter Element(XmlWriter svg, string name, params (string Name, string Value)[] attributes) => BorderMapSvg.Element(svg, name, attributes);
}
