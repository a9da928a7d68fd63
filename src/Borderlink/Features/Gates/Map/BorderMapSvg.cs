using System.Globalization;
using System.Text;
using System.Xml;
using Borderlink.Features.Reference;
using Microsoft.Extensions.Localization;

namespace Borderlink.Features.Gates.Map;

/// <summary>
/// Writes the border map as one SVG document, server-side and without script: land and sea, the Vietnamese border
/// provinces, the international boundaries, and each gate pair at its location as a disc whose upper half is the
/// Chinese side's most restrictive flow and whose lower half the Vietnamese side's, with a dashed circle where the
/// location is known only roughly, and its name placed where it overlaps nothing (LabelPlacer). The page and the
/// API (image/svg+xml) serve the same document.
/// </summary>
public static class BorderMapSvg
{
    private const double GateFont = 12.5, AreaFont = 15;
    private const string SvgNamespace = "http://www.w3.org/2000/svg";

    // A document served on its own (the API) carries its colours; on the page they come from the theme (app.css).
    private const string StandaloneStyle =
        ".sea{fill:#dcebf2}.land{fill:#f1eee6}.land-VN{fill:#f6f3ea}.province{fill:#fbf3dc;stroke:#5a6670;stroke-width:.8}.province.side-CN{fill:#f1eee6}" +
        ".boundary{fill:none;stroke:#1d2328;stroke-width:2.2;stroke-dasharray:9 3 2 3}.precision{fill:none;stroke:#5a6670;stroke-dasharray:3 3}" +
        ".leader{stroke:#5a6670}text{fill:#1d2328;stroke:#fff;stroke-width:3px;paint-order:stroke;font-family:sans-serif}.area-label{font-weight:700;fill:#5a6670}" +
        ".overlay-alert{fill:none;stroke:#c0392b;stroke-width:2.5}.marker path{stroke:#1d2328}.state-Open path{fill:#2e7d32}.state-Restricted path{fill:#d08a00}.state-Closed path{fill:#c0392b}.state-Unknown path{fill:#8a939a}";

    /// <param name="overlay">Each gate pair's figure to show after its name, and whether to ring its marker (none by default).</param>
    public static string Render(MapView view, IReadOnlyList<GatePairStatus> pairs, Func<string, string> partyName, IStringLocalizer L, bool standalone = false,
        IReadOnlyDictionary<string, GateOverlay>? overlay = null)
    {
        var geography = BorderGeography.Instance;
        var projection = view.Projection;
        var (width, height) = (projection.Width, projection.Height);
        var radius = view.Province is null ? 7.0 : 8.0;
        var placer = new LabelPlacer(width, height);

        var shown = pairs
            .Where(p => geography.Gates.TryGetValue(p.Pair.Code, out var at) && projection.Bounds.Contains(at.Longitude, at.Latitude))
            .Select(p => (Status: p, At: geography.Gates[p.Pair.Code]))
            .Select(p => (p.Status, p.At, Point: projection.Project(p.At.Longitude, p.At.Latitude)))
            .ToList();
        foreach (var (_, _, (x, y)) in shown) placer.Reserve(new Box(x - radius - 1, y - radius - 1, 2 * radius + 2, 2 * radius + 2));

        var areas = AreaLabels(view, pairs, partyName).Select(a => placer.PlaceArea(a.Name, a.X, a.Y, AreaFont)).OfType<MapLabel>().ToList();
        GateOverlay? OverlayOf(GatePairStatus s) => overlay?.GetValueOrDefault(s.Pair.Code);
        var gateLabels = shown.Select(s => placer.PlacePoint(OverlayOf(s.Status) is { } o ? $"{s.Status.Pair.Name()}: {o.Figure}" : s.Status.Pair.Name(),
            s.Point.X, s.Point.Y, radius, GateFont)).ToList();

        var text = new StringBuilder();
        using (var svg = XmlWriter.Create(text, new XmlWriterSettings { OmitXmlDeclaration = true, ConformanceLevel = ConformanceLevel.Fragment }))
        {
            svg.WriteStartElement("svg", SvgNamespace);
            svg.WriteAttributeString("viewBox", $"0 0 {Svg.Number(width)} {Svg.Number(height)}");
            svg.WriteAttributeString("role", "img");
            svg.WriteAttributeString("aria-labelledby", "map-title map-desc");
            svg.WriteAttributeString("data-projection", "mercator");
            var b = projection.Bounds;
            svg.WriteAttributeString("data-bounds", string.Join(' ', new[] { b.MinX, b.MinY, b.MaxX, b.MaxY }.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
            Element(svg, "title", ("id", "map-title")).WriteString(L["Gates.Map"]);
            svg.WriteEndElement();
            Element(svg, "desc", ("id", "map-desc")).WriteString(L["Gates.MapDesc", shown.Count]);
            svg.WriteEndElement();
            if (standalone)
            {
                Element(svg, "style").WriteString(StandaloneStyle);
                svg.WriteEndElement();
            }
            Element(svg, "rect", ("class", "sea"), ("width", Svg.Number(width)), ("height", Svg.Number(height)));
            svg.WriteEndElement();

            foreach (var kind in new[] { "land", "province", "boundary" })
            {
                Element(svg, "g", ("class", "layer-" + kind));
                foreach (var shape in view.Shapes.Where(s => s.Kind == kind))
                {
                    Element(svg, "path", ("class", ShapeClass(shape)), ("data-code", shape.Code), ("d", shape.Path));
                    svg.WriteEndElement();
                }
                svg.WriteEndElement();
            }

            Element(svg, "g", ("class", "layer-precision"));
            foreach (var (_, at, (x, y)) in shown)
            {
                var r = at.PrecisionKm * projection.UnitsPerKm(at.Latitude);
                if (r <= radius + 1) continue;
                Element(svg, "circle", ("class", "precision"), ("cx", Svg.Number(x)), ("cy", Svg.Number(y)), ("r", Svg.Number(r)));
                svg.WriteEndElement();
            }
            svg.WriteEndElement();

            Element(svg, "g", ("class", "layer-leaders"));
            foreach (var leader in gateLabels.OfType<MapLabel>().Select(l => l.Leader).OfType<(double X1, double Y1, double X2, double Y2)>())
            {
                Element(svg, "line", ("class", "leader"), ("x1", Svg.Number(leader.X1)), ("y1", Svg.Number(leader.Y1)),
                    ("x2", Svg.Number(leader.X2)), ("y2", Svg.Number(leader.Y2)));
                svg.WriteEndElement();
            }
            svg.WriteEndElement();

            Element(svg, "g", ("class", "layer-areas"));
            foreach (var area in areas) Label(svg, area, "area-label");
            svg.WriteEndElement();

            Element(svg, "g", ("class", "layer-gates"));
            for (var i = 0; i < shown.Count; i++)
                Gate(svg, shown[i].Status, shown[i].At, shown[i].Point, radius, gateLabels[i], OverlayOf(shown[i].Status), partyName, L);
            svg.WriteEndElement();
            svg.WriteEndElement();
        }
        return text.ToString();
    }

    /// <summary>A shape's CSS classes: its kind, its code, and for a province which side of the border it is on.</summary>
    private static string ShapeClass(MapShape shape) =>
        shape.Kind == "province" ? $"province province-{shape.Code} side-{shape.Code[..2]}" : $"{shape.Kind} {shape.Kind}-{shape.Code}";

    /// <summary>
    /// Names of the parties whose land the view shows: on the whole border each Vietnamese province and the Chinese
    /// provinces; in a zoom, the province and the parties its gates face.
    /// </summary>
    private static IEnumerable<(string Name, double X, double Y)> AreaLabels(MapView view, IReadOnlyList<GatePairStatus> pairs, Func<string, string> partyName)
    {
        IEnumerable<string> parties = view.Province is { } province
            ? pairs.Where(p => p.Pair.VnParty == province || p.Pair.CnParty == province)
                .SelectMany(p => new[] { p.Pair.VnParty, p.Pair.CnParty }).Where(p => p != province).Distinct().Prepend(province)
            : BorderGeography.Instance.Provinces.Keys.Order(StringComparer.Ordinal).Reverse(); // Vietnamese first: theirs are the smaller areas
        foreach (var party in parties)
        {
            if (view.LabelPoint(party) is { } at) yield return (partyName(party), at.X, at.Y);
        }
    }

    private static void Gate(XmlWriter svg, GatePairStatus status, GateLocation at, (double X, double Y) point, double radius, MapLabel? label,
        GateOverlay? overlay, Func<string, string> partyName, IStringLocalizer L)
    {
        var pair = status.Pair;
        string StateName(string party) => status.Worst(party)?.ToString() ?? "Unknown";
        string StateWords(string party) => status.Worst(party) is { } s ? L["GateState." + s] : L["Gates.NotReported"];
        var (x, y) = point;

        Element(svg, "a", ("href", $"/gates/{pair.Code}"), ("data-testid", $"gate-{pair.Code}"),
            ("data-lat", at.Latitude.ToString("R", CultureInfo.InvariantCulture)), ("data-lon", at.Longitude.ToString("R", CultureInfo.InvariantCulture)),
            ("data-precision-km", at.PrecisionKm.ToString("R", CultureInfo.InvariantCulture)));
        var title = L["Gates.MapGateTitle", pair.Name(), partyName(pair.CnParty), StateWords(pair.CnParty),
            partyName(pair.VnParty), StateWords(pair.VnParty), at.PrecisionKm.ToString("0.#", CultureInfo.CurrentCulture)].Value;
        Element(svg, "title").WriteString(overlay is null ? title : $"{title}; {overlay.Title}");
        svg.WriteEndElement();
        if (overlay is { Alert: true })
        {
            // A ring outside the disc, clear of the label (which was placed around the disc with room to spare).
            Element(svg, "circle", ("class", "overlay-alert"), ("data-testid", $"map-alert-{pair.Code}"), ("cx", Svg.Number(x)), ("cy", Svg.Number(y)),
                ("r", Svg.Number(radius + 2.5)));
            svg.WriteEndElement();
        }
        // The upper half is the Chinese side's gate, the lower half the Vietnamese side's: as on the ground, China to the north.
        foreach (var (party, sweep) in new[] { (pair.CnParty, 1), (pair.VnParty, 0) })
        {
            Element(svg, "g", ("class", $"marker state-{StateName(party)}"), ("data-testid", $"map-{pair.Code}-{party}"), ("data-state", StateName(party)));
            Element(svg, "title").WriteString(L["Gates.MapSide", partyName(party), StateWords(party)]);
            svg.WriteEndElement();
            Element(svg, "path", ("d", $"M{Svg.Number(x - radius)},{Svg.Number(y)}A{Svg.Number(radius)},{Svg.Number(radius)} 0 0 {sweep} {Svg.Number(x + radius)},{Svg.Number(y)}Z"));
            svg.WriteEndElement();
            svg.WriteEndElement();
        }
        if (label is not null) Label(svg, label, "gate-label");
        svg.WriteEndElement();
    }

    internal static void Label(XmlWriter svg, MapLabel label, string kind)
    {
        Element(svg, "text", ("class", kind), ("x", Svg.Number(label.Box.X)), ("y", Svg.Number(label.Baseline)),
            ("font-size", Svg.Number(label.FontSize)), ("textLength", Svg.Number(label.Box.Width)), ("lengthAdjust", "spacingAndGlyphs"),
            ("data-box", string.Join(' ', new[] { label.Box.X, label.Box.Y, label.Box.Width, label.Box.Height }.Select(Svg.Number))));
        svg.WriteString(label.Text);
        svg.WriteEndElement();
    }

    /// <summary>Opens an SVG element with its attributes; the caller writes its content and closes it.</summary>
    internal static XmlWriter Element(XmlWriter svg, string name, params (string Name, string Value)[] attributes)
    {
        svg.WriteStartElement(name, SvgNamespace);
        foreach (var (n, v) in attributes) svg.WriteAttributeString(n, v);
        return svg;
    }
}
