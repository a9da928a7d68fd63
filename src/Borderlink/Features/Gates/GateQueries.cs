using Borderlink.Data;
using Borderlink.Features.Reference;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Gates;

/// <summary>How one flow stands at one side of a pair: the change in force now, and the next one announced.</summary>
public sealed record FlowStatus(string Party, GateFlow Flow, GateStatusChange? Current, GateStatusChange? Next);

/// <summary>A gate pair as the viewer sees it: both sides, every flow.</summary>
public sealed record GatePairStatus(GatePair Pair, IReadOnlyList<FlowStatus> Flows)
{
    /// <summary>The most restrictive state in force at one side, or null when that side has said nothing the viewer may see.</summary>
    public GateState? Worst(string party) => WorstChange(party)?.State;

    /// <summary>The change that set the most restrictive state in force at one side, or null when that side has said nothing the viewer may see.</summary>
    public GateStatusChange? WorstChange(string party) =>
        Flows.Where(f => f.Party == party && f.Current is not null).Select(f => f.Current!).MaxBy(c => c.State);
}

/// <summary>Reads over the gate status changes the viewer may see (its own side's and those the other side published to it).</summary>
public static class GateQueries
{
    public static readonly GateFlow[] AllFlows = Enum.GetValues<GateFlow>();

    public static async Task<List<GatePairStatus>> AllAsync(BorderlinkDb db, DateTimeOffset now, string? gatePair = null, CancellationToken ct = default)
    {
        var pairs = await db.GatePairs.AsNoTracking().Where(g => gatePair == null || g.Code == gatePair).ToListAsync(ct);
        var changes = await db.GateStatusChanges.AsNoTracking().Where(c => gatePair == null || c.GatePair == gatePair).ToListAsync(ct);
        return BorderLine.Ordered(pairs).Select(pair =>
        {
            var flows = new List<FlowStatus>();
            foreach (var party in new[] { pair.VnParty, pair.CnParty })
            {
                foreach (var flow in AllFlows)
                {
                    var mine = changes.Where(c => c.GatePair == pair.Code && c.OwnerParty == party && c.Flow == flow).ToList();
                    var current = mine.Where(c => c.EffectiveFrom <= now).MaxBy(c => (c.EffectiveFrom, c.CreatedAt));
                    var next = mine.Where(c => c.EffectiveFrom > now).MinBy(c => c.EffectiveFrom);
                    flows.Add(new FlowStatus(party, flow, current, next));
                }
            }
            return new GatePairStatus(pair, flows);
        }).ToList();
    }

    /// <summary>Every change of one pair the viewer may see, latest effective first.</summary>
    public static Task<List<GateStatusChange>> HistoryAsync(BorderlinkDb db, string gatePair, CancellationToken ct = default) =>
        db.GateStatusChanges.AsNoTracking().Where(c => c.GatePair == gatePair)
            .OrderByDescending(c => c.EffectiveFrom).ThenByDescending(c => c.CreatedAt).ToListAsync(ct);
}

/// <summary>
/// The order of the gate pairs along the border from the Gulf of Tonkin westwards, for the schematic map: Quang Ninh,
/// Lang Son, Cao Bang, Tuyen Quang (Ha Giang), Lao Cai. A pair added later goes after the known ones of its province.
/// </summary>
public static class BorderLine
{
    private static readonly string[] EastToWest =
    [
        "MONGCAI-DONGXING", "BACPHONGSINH-LIHUO", "HOANHMO-DONGZHONG",
        "CHIMA-AIDIAN", "HUUNGHI-YOUYIGUAN", "DONGDANG-PINGXIANG-RAIL", "COCNAM-NONGYAO", "TANTHANH-PUZHAI", "BINHNGHI-PINGERGUAN",
        "TALUNG-SHUIKOU", "LYVAN-SHUOLONG", "POPEO-YUEXU", "TRALINH-LONGBANG", "SOCGIANG-PINGMENG",
        "THANHTHUY-TIANBAO",
        "LAOCAI-HEKOU", "KIMTHANH-BEISHAN",
    ];

    private static readonly string[] ProvinceOrder = ["VN-13", "VN-09", "VN-04", "VN-03", "VN-07", "VN-02"];

    public static IEnumerable<GatePair> Ordered(IEnumerable<GatePair> pairs) =>
        pairs.OrderBy(p => Array.IndexOf(ProvinceOrder, p.VnParty) is var i and >= 0 ? i : ProvinceOrder.Length)
            .ThenBy(p => Array.IndexOf(EastToWest, p.Code) is var i and >= 0 ? i : EastToWest.Length)
            .ThenBy(p => p.Code, StringComparer.Ordinal);
}
