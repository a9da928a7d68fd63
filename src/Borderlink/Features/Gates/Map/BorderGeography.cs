using System.Globalization;
using System.Text.Json;
using Borderlink.Data;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.IO.Converters;

namespace Borderlink.Features.Gates.Map;

/// <summary>Where a gate pair is, as precisely as its source knows it.</summary>
public sealed record GateLocation(string Code, double Latitude, double Longitude, double PrecisionKm, string Basis);

/// <summary>
/// The geography the border map is drawn from, shipped with the app and built by tools/gazetteer (npm run map):
/// the land of China, Viet Nam and Laos and the boundaries between them (Natural Earth 1:10m), the outlines of the
/// Vietnamese border provinces (open data, MIT) and of Guangxi and Yunnan (Natural Earth 1:10m admin-1, cut to the
/// border's stretch), and where each gate pair is (Data/Seed/gate-locations.csv, each row
/// with its precision and basis). Coordinates are longitude/latitude (WGS 84). Read once, on the first map drawn.
/// </summary>
public sealed class BorderGeography
{
    private static readonly Lazy<BorderGeography> Shipped = new(Load);
    private static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory() } };

    public static BorderGeography Instance => Shipped.Value;

    /// <summary>Land by country code (CN, VN, LA).</summary>
    public required IReadOnlyDictionary<string, Geometry> Countries { get; init; }

    /// <summary>International boundaries by the two countries they separate ("CN-VN", "CN-LA", "VN-LA").</summary>
    public required IReadOnlyDictionary<string, Geometry> Boundaries { get; init; }

    /// <summary>The border provinces of both sides by party code (VN-09, CN-GX…).</summary>
    public required IReadOnlyDictionary<string, Geometry> Provinces { get; init; }

    /// <summary>Gate pairs' locations by pair code.</summary>
    public required IReadOnlyDictionary<string, GateLocation> Gates { get; init; }

    /// <summary>The box everything was clipped to.</summary>
    public required Envelope Extent { get; init; }

    private static BorderGeography Load()
    {
        using var stream = typeof(BorderGeography).Assembly.GetManifestResourceStream("Borderlink.Data.Seed.border-map.geojson")
            ?? throw new InvalidOperationException("border-map.geojson is not embedded.");
        var features = JsonSerializer.Deserialize<FeatureCollection>(stream, GeoJson)
            ?? throw new InvalidOperationException("border-map.geojson is empty.");

        // Natural Earth rings can touch themselves; made valid once here, so every clip of a view is an exact overlay.
        Dictionary<string, Geometry> Layer(string kind, string key) => features
            .Where(f => (string)f.Attributes["kind"] == kind)
            .ToDictionary(f => (string)f.Attributes[key], f => kind == "boundary" ? f.Geometry : GeometryFixer.Fix(f.Geometry), StringComparer.Ordinal);

        var gates = ReferenceSeeder.Read("gate-locations.csv", row => new GateLocation(row["code"],
            double.Parse(row["lat"], CultureInfo.InvariantCulture), double.Parse(row["lon"], CultureInfo.InvariantCulture),
            double.Parse(row["precision_km"], CultureInfo.InvariantCulture), row["basis"]));
        var extent = new Envelope();
        foreach (var f in features) extent.ExpandToInclude(f.Geometry.EnvelopeInternal);
        return new BorderGeography
        {
            Countries = Layer("country", "code"),
            Boundaries = Layer("boundary", "between"),
            Provinces = Layer("province", "party"),
            Gates = gates.ToDictionary(g => g.Code, StringComparer.Ordinal),
            Extent = extent,
        };
    }
}
