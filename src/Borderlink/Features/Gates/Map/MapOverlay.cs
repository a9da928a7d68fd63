using System.Globalization;
using Borderlink.Data;
using Borderlink.Features.Reference;
using Microsoft.Extensions.Localization;

namespace Borderlink.Features.Gates.Map;

/// <summary>What the border map adds beside each gate's status, chosen by a link (?overlay=…).</summary>
public enum MapOverlay
{
    None,
    /// <summary>Trucks waiting today on both sides; ringed where a side is over its congestion threshold.</summary>
    Congestion,
    /// <summary>Positive tests screened today at the gate; ringed where there is any.</summary>
    Positives,
    /// <summary>People in the gate's quarantine facilities against their places; ringed from nine in ten places taken.</summary>
    Quarantine,
}

/// <summary>One gate's overlay: the figure after its name, whether its marker is ringed, and the words of its tooltip.</summary>
public sealed record GateOverlay(string Figure, bool Alert, string Title);

public static class MapOverlays
{
    /// <summary>The overlay a link asks for; none for anything else (an unknown overlay is not an error on a map).</summary>
    public static MapOverlay Parse(string? text) =>
        Enum.TryParse<MapOverlay>(text, ignoreCase: true, out var overlay) && Enum.IsDefined(overlay) && !int.TryParse(text, out _) ? overlay : MapOverlay.None;

    /// <summary>
    /// The gate pairs' states a map draws and, with an overlay, each pair's figure for it. With an overlay the dashboard's
    /// glances carry the states too, so the states are read once, not twice (page and API alike).
    /// </summary>
    public static async Task<(List<GatePairStatus> Pairs, Dictionary<string, GateOverlay>? Figures)> ReadAsync(BorderlinkDb db, TimeProvider clock,
        MapOverlay overlay, IStringLocalizer L, CancellationToken ct = default)
    {
        if (overlay == MapOverlay.None) return (await GateQueries.AllAsync(db, clock.GetUtcNow(), ct: ct), null);
        var glances = await GateDashboard.ForAsync(db, clock, ct: ct);
        return (glances.Select(g => g.Status).ToList(), For(overlay, glances, L));
    }

    /// <summary>
    /// Each gate pair's figure for the overlay from the dashboard's aggregates (what the reader may see, each side's
    /// "today" in its own calendar); a side that recorded nothing today reads "–", never 0.
    /// </summary>
    public static Dictionary<string, GateOverlay> For(MapOverlay overlay, IEnumerable<GateGlance> glances, IStringLocalizer L)
    {
        var culture = CultureInfo.CurrentCulture;
        var result = new Dictionary<string, GateOverlay>(StringComparer.Ordinal);
        if (overlay == MapOverlay.None) return result;
        foreach (var g in glances)
        {
            var pair = g.Status.Pair;
            result[pair.Code] = overlay switch
            {
                MapOverlay.Congestion => Trucks(g, pair, culture, L),
                MapOverlay.Positives => g.Screening.Count == 0
                    ? new GateOverlay("–", false, L["Gates.OverlayNoScreening"])
                    : new GateOverlay(g.Positives.ToString(culture), g.Positives > 0, L["Gates.OverlayPositivesTitle", g.Positives]),
                _ => g.QuarantineCapacity == 0
                    ? new GateOverlay("–", false, L["Gates.OverlayNoFacility"])
                    : new GateOverlay($"{g.QuarantineOccupancy.ToString(culture)}/{g.QuarantineCapacity.ToString(culture)}", g.QuarantineOccupancy * 10 >= g.QuarantineCapacity * 9,
                        L["Gates.OverlayQuarantineTitle", g.QuarantineOccupancy, g.QuarantineCapacity]),
            };
        }
        return result;
    }

    private static GateOverlay Trucks(GateGlance g, GatePair pair, CultureInfo culture, IStringLocalizer L)
    {
        string Side(string party) => g.TrucksWaiting(party)?.ToString(culture) ?? "–";
        if (g.TrucksWaiting(pair.CnParty) is null && g.TrucksWaiting(pair.VnParty) is null)
            return new GateOverlay("–", false, L["Gates.OverlayNoTraffic"]);
        // China's side first, as the disc's upper half.
        return new GateOverlay($"{Side(pair.CnParty)} | {Side(pair.VnParty)}", g.Congested,
            L[g.Congested ? "Gates.OverlayTrucksCongested" : "Gates.OverlayTrucksTitle", Side(pair.CnParty), Side(pair.VnParty)]);
    }
}
