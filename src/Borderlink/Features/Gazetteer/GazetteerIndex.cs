using Borderlink.Data;
using Borderlink.Features.Reference;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Gazetteer;

public enum GazetteerKind
{
    Party,
    Place,
    GatePair,
}

/// <summary>
/// One searchable thing: a party, a place or a gate pair, with every name it goes by; for a unit that no longer exists,
/// its last day and the codes of what it became. Keys from <see cref="StrongKeys"/> on are its read-out name
/// (<see cref="GazetteerIndex.KeysOf"/>).
/// </summary>
public sealed record GazetteerEntry(GazetteerKind Kind, string Code, INamed Names, string? PartyCode, IReadOnlyList<string> Keys,
    DateOnly? ValidTo = null, IReadOnlyList<string>? Successors = null, string? ParentCode = null, string Level = "", int? StrongKeys = null)
{
    public bool IsFormer => ValidTo is not null;

    private ulong[]? _masks;

    /// <summary>Each key's characters as bits (<see cref="SearchKey.Mask"/>), computed once.</summary>
    public ulong[] KeyMasks => _masks ??= Keys.Select(SearchKey.Mask).ToArray();
}

/// <param name="ByReading">Matched only by the name read out for it in the other side's language.</param>
public sealed record GazetteerHit(GazetteerEntry Entry, double Score, string MatchedName, bool ByReading = false);

/// <summary>
/// An in-memory index of the reference data's names, built on first use and rebuilt when an administrator changes
/// reference data. Thousands of entries are scanned in well under a millisecond each query, with no SQL LIKE games
/// that differ between engines.
/// </summary>
public sealed class GazetteerIndex(IServiceScopeFactory scopes) : IDisposable
{
    private volatile IReadOnlyList<GazetteerEntry>? _entries;
    private volatile Dictionary<string, GazetteerEntry> _byCode = [];

    /// <summary>An entry by its code (after <see cref="EntriesAsync"/>); places, parties and gates have distinct codes.</summary>
    public GazetteerEntry? Find(string? code) => code is not null && _byCode.TryGetValue(code, out var e) ? e : null;

    /// <summary>The name of a party, place or gate pair in the reader's language; the code itself when it is not known.</summary>
    public async Task<string> NameAsync(string code, CancellationToken ct = default)
    {
        await EntriesAsync(ct);
        return Find(code)?.Names.Name() ?? code;
    }

    /// <summary>Where a place is: its parents' names up to its party ("凭祥市 · 崇左市 · 广西壮族自治区").</summary>
    public IReadOnlyList<GazetteerEntry> ParentsOf(GazetteerEntry entry)
    {
        var chain = new List<GazetteerEntry>();
        var code = entry.ParentCode ?? (entry.Kind == GazetteerKind.Place ? entry.PartyCode : null);
        while (Find(code) is { } parent && chain.Count < 8)
        {
            chain.Add(parent);
            code = parent.Kind == GazetteerKind.Party ? null : parent.ParentCode ?? parent.PartyCode;
        }
        return chain;
    }
    private readonly SemaphoreSlim _build = new(1, 1);

    public void Invalidate() => _entries = null;

    public void Dispose() => _build.Dispose();

    /// <param name="party">The reader's party: among equally good matches, its own places come first.</param>
    public async Task<IReadOnlyList<GazetteerHit>> SearchAsync(string? query, int limit = 20, string? party = null, CancellationToken ct = default) =>
        Rank(await EntriesAsync(ct), query, limit, party);

    /// <summary>
    /// Scores every entry by its best-matching name and returns the best first. Among equal scores: units that exist
    /// before former ones, a name the thing goes by before a name only read out for it ("Hữu Nghị" is the gate before it
    /// is 友谊镇 read in Vietnamese), the reader's party's before others, parties before places, higher levels before
    /// lower (凭祥市 before 凭祥镇), places before gates, then code.
    /// </summary>
    public static IReadOnlyList<GazetteerHit> Rank(IReadOnlyList<GazetteerEntry> entries, string? query, int limit = 20, string? party = null)
    {
        var folded = SearchKey.Fold(query);
        if (folded.Length == 0) return [];
        var foldedMask = SearchKey.Mask(folded);
        var hits = new List<GazetteerHit>();
        foreach (var entry in entries)
        {
            var best = 0.0;
            var matched = "";
            var byReading = false;
            var masks = entry.KeyMasks;
            var strong = entry.StrongKeys ?? masks.Length;
            for (var i = 0; i < masks.Length; i++)
            {
                var key = entry.Keys[i];
                var score = SearchKey.Score(folded, foldedMask, key, masks[i]);
                if (score > best) (best, matched, byReading) = (score, key, i >= strong); // strong keys come first: a tie keeps them
            }
            if (best >= MinimumScore) hits.Add(new GazetteerHit(entry, best, matched, byReading));
        }
        return hits
            .OrderByDescending(h => h.Score)
            .ThenBy(h => h.Entry.IsFormer)
            .ThenBy(h => h.ByReading)
            .ThenBy(h => party is null || h.Entry.PartyCode != party)
            .ThenBy(h => h.Entry.Kind != GazetteerKind.Party)
            .ThenBy(h => LevelRank(h.Entry.Level))
            .ThenBy(h => h.Entry.Kind)
            .ThenBy(h => h.Entry.Code, StringComparer.Ordinal)
            .Take(Math.Clamp(limit, 1, 100))
            .ToList();
    }

    /// <summary>Higher administrative levels first (a prefecture before its counties, a county before its towns).</summary>
    public static int LevelRank(string level) => Array.IndexOf(PlaceLevels.All, level) is var i and >= 0 ? i : PlaceLevels.All.Length;

    /// <summary>Below this a match is noise (a shared first letter and little else).</summary>
    public const double MinimumScore = 0.5;

    public async Task<IReadOnlyList<GazetteerEntry>> EntriesAsync(CancellationToken ct = default)
    {
        if (_entries is { } ready) return ready;
        await _build.WaitAsync(ct);
        try
        {
            if (_entries is { } built) return built;
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<BorderlinkDb>();
            var entries = new List<GazetteerEntry>();
            foreach (var p in await db.Parties.AsNoTracking().ToListAsync(ct))
                entries.Add(new(GazetteerKind.Party, p.Code, p, p.Code, Keys(p, p.Aliases, p.Code), p.ValidTo, p.SuccessorCode is { } s ? [s] : null));
            foreach (var p in await db.Places.AsNoTracking().ToListAsync(ct))
                entries.Add(EntryOf(p));
            foreach (var g in await db.GatePairs.AsNoTracking().ToListAsync(ct))
                entries.Add(new(GazetteerKind.GatePair, g.Code, g, g.VnParty, Keys(g, g.Aliases, g.VnGate, g.CnGate)));
            // The codes first: whoever sees the entries finds their parents.
            _byCode = entries.GroupBy(e => e.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            _entries = entries;
            return entries;
        }
        finally
        {
            _build.Release();
        }
    }

    /// <summary>A place as the gazetteer searches it.</summary>
    public static GazetteerEntry EntryOf(Place p)
    {
        var (keys, strong) = KeysOf(p, p.Aliases, ReadOutName(p), p.OfficialCode);
        return new(GazetteerKind.Place, p.Code, p, p.PartyCode, keys, p.ValidTo, p.SuccessorList, p.ParentCode, p.Level, strong);
    }

    /// <summary>Every searchable key of a named thing: its four names, its aliases, and the names without administrative words.</summary>
    public static List<string> Keys(INamed named, string aliases, params string[] extra) => KeysOf(named, aliases, null, extra).Keys;

    /// <summary>
    /// The keys of a named thing, those of <paramref name="readOut"/> — one of its names, read out for it in the other
    /// side's language rather than a name it goes by — last: from <c>Strong</c> on. A read-out name is searched with and
    /// without its kind word ("Trấn Ái Điếm", "Ái Điếm").
    /// </summary>
    public static (List<string> Keys, int Strong) KeysOf(INamed named, string aliases, string? readOut, params string[] extra)
    {
        bool Own(string name) => readOut is null || name != readOut;
        var keys = new[] { named.NameEn, named.NameVi, named.NameZh, named.NameFr }.Where(Own)
            .Concat(Sharing.Codes.Split(aliases))
            .Concat(extra)
            .Concat(new[] { named.NameEn, named.NameVi, named.NameFr }.Where(Own).Select(StripAdministrativeWords))
            .Select(SearchKey.Fold)
            .Where(k => k.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var strong = keys.Count;
        if (readOut is not null)
        {
            keys.AddRange(new[] { readOut, WithoutKindWord(readOut) }.Select(SearchKey.Fold).Where(k => k.Length > 0 && !keys.Contains(k)).Distinct());
        }
        return (keys, strong);
    }

    /// <summary>
    /// A Chinese unit's Vietnamese name is read out by the build (tools/gazetteer: its kind and the Hán-Việt reading of
    /// its Chinese name) unless someone also wrote it among its spellings, as for the places kept by hand.
    /// </summary>
    private static string? ReadOutName(Place place) =>
        place.PartyCode.StartsWith("CN-", StringComparison.Ordinal) && place.NameVi.Length > 0
        && !Sharing.Codes.Split(place.Aliases).Any(a => SearchKey.Fold(a) == SearchKey.Fold(place.NameVi)) ? place.NameVi : null;

    /// <summary>The Vietnamese kind words the build writes before a Chinese unit's reading, longest first.</summary>
    private static readonly string[] KindWords = ["Huyện tự trị ", "Châu tự trị ", "Nhai đạo ", "Nông trường ", "Thành phố ", "Huyện ", "Quận ", "Trấn ", "Hương "];

    private static string WithoutKindWord(string name) =>
        KindWords.FirstOrDefault(w => name.StartsWith(w, StringComparison.Ordinal)) is { } word ? name[word.Length..] : name;

    /// <summary>"Tỉnh Lạng Sơn", "Lang Son Province", "Province de Lang Son" are all searched as "Lang Son".</summary>
    private static string StripAdministrativeWords(string name)
    {
        foreach (var word in new[] { "Tỉnh ", "Thành phố ", "Huyện ", "Province de ", "Province du ", " Province", " County", " City", "province de ", "province du " })
        {
            name = name.Replace(word, " ", StringComparison.Ordinal);
        }
        return name;
    }
}
