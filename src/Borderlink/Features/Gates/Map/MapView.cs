using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Borderlink.Features.Reference;
using NetTopologySuite.Geometries;
using NetTopologySuite.Simplify;

namespace Borderlink.Features.Gates.Map;

/// <summary>
/// Web Mercator (spherical, conformal: shapes and bearings are true at every point, which matters more on a strip
/// of border 600 km long than equal areas) from longitude/latitude to the SVG's units, north up.
/// </summary>
public sealed class MapProjection(Envelope bounds, double width)
{
    private const double EarthRadiusKm = 6371.0;
    private readonly double scale = width / Radians(bounds.MaxX - bounds.MinX);

    public Envelope Bounds { get; } = bounds;
    public double Width { get; } = width;
    public double Height => (MercatorY(Bounds.MaxY) - MercatorY(Bounds.MinY)) * scale;

    public (double X, double Y) Project(double longitude, double latitude) =>
        (Radians(longitude - Bounds.MinX) * scale, (MercatorY(Bounds.MaxY) - MercatorY(latitude)) * scale);

    /// <summary>How many SVG units one kilometre on the ground takes at a latitude (the same in every direction).</summary>
    public double UnitsPerKm(double latitude) => scale / (EarthRadiusKm * Math.Cos(Radians(latitude)));

    private static double Radians(double degrees) => degrees * Math.PI / 180;
    private static double MercatorY(double latitude) => Math.Log(Math.Tan(Math.PI / 4 + Radians(latitude) / 2));
}

/// <summary>One drawn shape of a view: its kind (the CSS class), what it is (a country, party or boundary code) and its path.</summary>
public sealed record MapShape(string Kind, string Code, string Path);

/// <summary>
/// What the map shows: the whole border, or one province with the gates it runs and the side across from it (a zoom
/// chosen by a link). Its shapes are cut to the view, projected and simplified to half a unit
/// once per view and kept, since the geography never changes while the app runs.
/// </summary>
public sealed record MapView(string Key, string? Province, MapProjection Projection)
{
    public const string Whole = "all";
    public const double Width = 1000;

    private static readonly ConcurrentDictionary<string, IReadOnlyList<MapShape>> Drawn = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, (double X, double Y)>> Anchored = new(StringComparer.Ordinal);

    /// <summary>The view a link asks for; the whole border for anything else (an unknown province is not an error on a map).</summary>
    public static MapView For(string? key, IReadOnlyList<GatePair> pairs)
    {
        var geography = BorderGeography.Instance;
        if (key is not null && geography.Provinces.TryGetValue(key, out var province))
        {
            // The stretch of border where the province's gates are, with both sides around it; the whole province when it has none.
            var box = new Envelope();
            foreach (var pair in pairs.Where(p => p.VnParty == key || p.CnParty == key)) Include(box, geography, pair.Code);
            if (box.IsNull) box = province.EnvelopeInternal.Copy();
            box.ExpandBy(Math.Max(box.Width * 0.25, 0.12), Math.Max(box.Height * 0.25, 0.12));
            return new MapView(key, key, new MapProjection(Landscape(box), Width));
        }
        // The mechanism's stretch is framed by the Vietnamese border provinces; the Chinese ones reach far north, cut at the data's box.
        var whole = new Envelope();
        foreach (var (_, p) in geography.Provinces.Where(p => p.Key.StartsWith("VN-", StringComparison.Ordinal))) whole.ExpandToInclude(p.EnvelopeInternal);
        foreach (var pair in pairs) Include(whole, geography, pair.Code);
        whole.ExpandBy(0.12, 0.1);
        whole.ExpandToInclude(whole.Centre.X, whole.MaxY + 0.3);
        return new MapView(Whole, null, new MapProjection(Landscape(whole), Width));
    }

    private static void Include(Envelope box, BorderGeography geography, string code)
    {
        if (geography.Gates.TryGetValue(code, out var at)) box.ExpandToInclude(at.Longitude, at.Latitude);
    }

    /// <summary>Widens a tall box (or heightens a flat one) so the map reads on a screen: between 2:1 and 4:3.</summary>
    private static Envelope Landscape(Envelope box)
    {
        var aspect = new MapProjection(box, Width).Height / Width;
        if (aspect > 0.75) box.ExpandBy(box.Width * (aspect / 0.75 - 1) / 2, 0);
        else if (aspect < 0.5) box.ExpandBy(0, box.Height * (0.5 / aspect - 1) / 2);
        return box;
    }

    // Where the Chinese parties' names go on the whole border: on their land, clear of the border (the interior points
    // of their cut outlines fall close to it).
    private static readonly Dictionary<string, (double Lon, double Lat)> ChineseSide = new(StringComparer.Ordinal)
    {
        ["CN-GX"] = (107.3, 23.15),
        ["CN-YN"] = (104.1, 23.45),
    };

    /// <summary>Where a party's name goes in this view, if its land is in it.</summary>
    public (double X, double Y)? LabelPoint(string party) =>
        Province is null && ChineseSide.TryGetValue(party, out var at) ? Projection.Project(at.Lon, at.Lat)
        : Anchors.TryGetValue(party, out var anchor) ? anchor : null;

    /// <summary>
    /// A point inside the part of each area this view shows, where its name goes: each province by party code, and
    /// China's land under "CN". Worked out once per view (cutting detailed outlines is the costly part).
    /// </summary>
    public IReadOnlyDictionary<string, (double X, double Y)> Anchors => Anchored.GetOrAdd(CacheKey, _ =>
    {
        var geography = BorderGeography.Instance;
        var window = new GeometryFactory().ToGeometry(Projection.Bounds);
        var anchors = new Dictionary<string, (double X, double Y)>(StringComparer.Ordinal);
        var areas = geography.Provinces.AsEnumerable();
        if (geography.Countries.TryGetValue("CN", out var china)) areas = areas.Append(new("CN", china));
        foreach (var (code, area) in areas)
        {
            var inView = area.Intersection(window);
            if (inView.IsEmpty) continue;
            var point = inView.InteriorPoint;
            anchors[code] = Projection.Project(point.X, point.Y);
        }
        return anchors;
    });

    /// <summary>Land, the provinces of both sides and the boundaries, as paths in this view's units.</summary>
    public IReadOnlyList<MapShape> Shapes => Drawn.GetOrAdd(CacheKey, _ => Draw());

    // Kept per view and frame: a frame depends on the gate pairs the node holds, so the same view name alone could
    // otherwise hand one frame's shapes to another.
    private string CacheKey => $"{Key} {Projection.Bounds}";

    private List<MapShape> Draw()
    {
        var geography = BorderGeography.Instance;
        var cut = Projection.Bounds.Copy();
        cut.ExpandBy(cut.Width * 0.02, cut.Height * 0.02);
        var window = new GeometryFactory().ToGeometry(cut);
        var shapes = new List<MapShape>();
        void Add(string kind, string code, Geometry g)
        {
            var inView = g.Intersection(window);
            if (!inView.IsEmpty) shapes.Add(new MapShape(kind, code, PathOf(inView)));
        }
        foreach (var (code, land) in geography.Countries) Add("land", code, land);
        foreach (var (party, province) in geography.Provinces) Add("province", party, province);
        foreach (var (between, line) in geography.Boundaries) Add("boundary", between, line);
        return shapes;
    }

    private string PathOf(Geometry geometry)
    {
        var projected = geometry.Copy();
        projected.Apply(new ProjectFilter(Projection));
        var simple = DouglasPeuckerSimplifier.Simplify(projected, 0.5);
        var path = new StringBuilder();
        for (var i = 0; i < simple.NumGeometries; i++)
        {
            switch (simple.GetGeometryN(i))
            {
                case Polygon polygon:
                    Ring(path, polygon.ExteriorRing.Coordinates, true);
                    foreach (var hole in polygon.InteriorRings) Ring(path, hole.Coordinates, true);
                    break;
                case LineString line:
                    Ring(path, line.Coordinates, false);
                    break;
            }
        }
        return path.ToString().TrimEnd();
    }

    private static void Ring(StringBuilder path, Coordinate[] points, bool closed)
    {
        if (points.Length < 2) return;
        for (var i = 0; i < points.Length - (closed ? 1 : 0); i++)
            path.Append(i == 0 ? 'M' : 'L').Append(Svg.Number(points[i].X)).Append(',').Append(Svg.Number(points[i].Y));
        path.Append(closed ? "Z " : " ");
    }

    private sealed class ProjectFilter(MapProjection projection) : ICoordinateSequenceFilter
    {
        public bool Done => false;
        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            var (x, y) = projection.Project(seq.GetX(i), seq.GetY(i));
            seq.SetX(i, x);
            seq.SetY(i, y);
        }
    }
}

/// <summary>Numbers as SVG wants them: invariant, one decimal.</summary>
public static class Svg
{
    public static string Number(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);
}
