using System.Diagnostics;
using System.Globalization;
using Borderlink.Features.Gazetteer;
using Borderlink.Features.Reference;

namespace Borderlink.Bench;

/// <summary>
/// Gazetteer search over thousands of entries: the ranked, accent- and misspelling-tolerant search against a
/// baseline that only does a case-insensitive substring test on the raw names (and so misses "Lng Sõn"). Both run
/// in the same process on the same entries and queries.
/// </summary>
public static class GazetteerBench
{
    private static readonly string[] Syllables =
        ["lạng", "sơn", "cao", "bằng", "đồng", "đăng", "hà", "giang", "tuyên", "quang", "móng", "cái", "lào", "cai", "thanh", "thủy", "tà", "lùng", "bình", "nghi", "chi", "ma", "hữu", "nghị", "pò", "peo", "trà", "lĩnh", "sóc", "xín", "mần"];
    private static readonly string[] Hanzi = ["谅", "山", "高", "平", "同", "登", "河", "江", "宣", "光", "芒", "街", "老", "清", "水", "凭", "祥", "东", "兴", "龙", "州"];

    /// <summary>
    /// The shipped gazetteer itself (tools/gazetteer: about 2,200 places of both sides, current and former, and the
    /// parties) against spellings people write, misspellings and a miss.
    /// </summary>
    public static void RunShipped(TimeSpan duration)
    {
        var entries = new List<GazetteerEntry>();
        foreach (var file in new[] { "places.csv", "places-open-data.csv" })
        {
            using var reader = new StreamReader(Path.Combine(Borderlink.Tests.Infrastructure.Repository.Root(), "src", "Borderlink", "Data", "Seed", file));
            using var csv = new CsvHelper.CsvReader(reader, CultureInfo.InvariantCulture);
            foreach (var r in csv.GetRecords<dynamic>().Cast<IDictionary<string, object>>())
            {
                string V(string column) => (string)r[column];
                var place = new Place
                {
                    Code = V("code"), ParentCode = V("parent"), PartyCode = V("party"), Level = V("level"), OfficialCode = V("official_code"),
                    NameEn = V("name_en"), NameVi = V("name_vi"), NameZh = V("name_zh"), NameFr = V("name_fr"), Aliases = V("aliases"),
                    ValidTo = V("valid_to") is { Length: > 0 } to ? DateOnly.Parse(to, CultureInfo.InvariantCulture) : null, Successors = V("successors"),
                };
                entries.Add(GazetteerIndex.EntryOf(place));
            }
        }
        string[] queries = ["Lộc Bình", "Loc Binh", "Huyện Lộc Bình", "Đồng Đăng", "dong dang", "凭祥", "憑祥市", "Pingxiang", "Bằng Tường", "河口", "Hekou",
            "友谊镇", "Youyi Town", "Hải Hà", "Thị trấn Tà Lùng", "Lng Sõn", "Cao Bng", "Mong-Cai", "Hoanh Mo", "zzqxw"];
        Compare("gazetteer.shipped", entries, queries, "VN-09", duration, " target=1000-q/s,p99<5ms");
    }

    public static void Run(TimeSpan duration, int entryCount = 5000)
    {
        var random = new Random(42);
        var entries = new List<GazetteerEntry>(entryCount);
        for (var i = 0; i < entryCount; i++)
        {
            var vi = Pick(random, Syllables) + " " + Pick(random, Syllables);
            var zh = Pick(random, Hanzi) + Pick(random, Hanzi) + "镇";
            var place = new Place
            {
                Code = "X-" + i.ToString(CultureInfo.InvariantCulture), PartyCode = "VN-09", NameVi = vi, NameZh = zh,
                NameEn = Unaccent(vi), NameFr = Unaccent(vi), Aliases = Unaccent(vi).Replace(" ", "", StringComparison.Ordinal),
            };
            entries.Add(new GazetteerEntry(GazetteerKind.Place, place.Code, place, place.PartyCode, GazetteerIndex.Keys(place, place.Aliases)));
        }
        string[] queries = ["Lang Son", "Lạng Sơn", "LANG SON", "Lng Sõn", "谅山", "Cao Bng", "ha giang", "Mong-Cai", "thanh thuy", "zzqxw"];
        Compare("gazetteer.ranked", entries, queries, null, duration);
    }

    /// <summary>The ranked search against the naive substring baseline, on the same entries and queries, one line.</summary>
    private static void Compare(string label, List<GazetteerEntry> entries, string[] queries, string? party, TimeSpan duration, string suffix = "")
    {
        var (rankedRate, rankedP99, rankedHits) = Measure(duration, queries, q => GazetteerIndex.Rank(entries, q, 20, party).Count);
        var (naiveRate, naiveP99, naiveHits) = Measure(duration, queries, q => entries.Where(e =>
            e.Names.NameEn.Contains(q, StringComparison.OrdinalIgnoreCase) || e.Names.NameVi.Contains(q, StringComparison.OrdinalIgnoreCase) ||
            e.Names.NameZh.Contains(q, StringComparison.Ordinal)).Take(20).Count());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label} entries={entries.Count} queries/s={rankedRate:F0} p99-ms={rankedP99:F2} hits/query={rankedHits:F1} " +
            $"baseline.naive-contains queries/s={naiveRate:F0} p99-ms={naiveP99:F3} hits/query={naiveHits:F1} ratio={rankedRate / naiveRate:F3}{suffix}"));
    }

    private static (double Rate, double P99Ms, double HitsPerQuery) Measure(TimeSpan duration, string[] queries, Func<string, int> search)
    {
        foreach (var q in queries) search(q); // warm-up
        var latencies = new List<double>();
        var hits = 0L;
        var total = Stopwatch.StartNew();
        var i = 0;
        while (total.Elapsed < duration)
        {
            var one = Stopwatch.StartNew();
            hits += search(queries[i++ % queries.Length]);
            latencies.Add(one.Elapsed.TotalMilliseconds);
        }
        latencies.Sort();
        return (latencies.Count / total.Elapsed.TotalSeconds, latencies[(int)(latencies.Count * 0.99)], (double)hits / latencies.Count);
    }

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];

    private static string Unaccent(string text) => SearchKeyDisplay(text);

    /// <summary>The accent-free spelling a form might carry ("Lang Son").</summary>
    private static string SearchKeyDisplay(string text)
    {
        var d = text.Normalize(System.Text.NormalizationForm.FormD);
        var chars = d.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark).ToArray();
        return new string(chars).Replace('đ', 'd').Replace('Đ', 'D').Normalize(System.Text.NormalizationForm.FormC);
    }
}
