using System.Globalization;
using System.Text;

namespace Borderlink.Features.Gazetteer;

/// <summary>
/// Folds a name to the form the gazetteer compares: lower case, no diacritics (đ → d), no spaces or punctuation,
/// traditional Chinese characters of the border's place names mapped to simplified. "Lạng Sơn", "LANG SON" and
/// "lang-son" all become "langson".
/// </summary>
public static class SearchKey
{
    // Only the characters that occur in the border's place names; the full mapping is a job for the aliases.
    private static readonly Dictionary<char, char> TraditionalToSimplified = new()
    {
        ['諒'] = '谅', ['廣'] = '广', ['憑'] = '凭', ['東'] = '东', ['興'] = '兴', ['寧'] = '宁', ['龍'] = '龙', ['縣'] = '县',
        ['區'] = '区', ['雲'] = '云', ['壯'] = '壮', ['關'] = '关', ['誼'] = '谊',
        ['頭'] = '头', ['門'] = '门', ['愛'] = '爱', ['碩'] = '硕', ['萊'] = '莱', ['邊'] = '边', ['瑤'] = '瑶', 
        ['陽'] = '阳', ['橋'] = '桥', ['鎮'] = '镇', ['華'] = '华', ['貴'] = '贵', ['嶺'] = '岭', ['園'] = '园', ['廠'] = '厂',
    };

    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark) continue;
            var ch = c switch
            {
                'đ' or 'Đ' => 'd',
                _ => TraditionalToSimplified.TryGetValue(c, out var s) ? s : char.ToLowerInvariant(c),
            };
            if (char.IsLetterOrDigit(ch)) sb.Append(ch);
        }
        return sb.ToString();
    }

    /// <summary>
    /// The characters a folded key holds, as bits (a–z one each, the rest hashed onto the others): two keys whose masks
    /// differ in more bits than a near miss allows cannot be one, so the edit distance is not computed for them.
    /// </summary>
    public static ulong Mask(string key)
    {
        var mask = 0UL;
        foreach (var c in key) mask |= 1UL << (c is >= 'a' and <= 'z' ? c - 'a' : 26 + c % 38);
        return mask;
    }

    public static double Score(string query, string key) => Score(query, Mask(query), key, Mask(key));

    /// <summary>
    /// How well a folded query matches a folded name, 0 to 1: exact, prefix, contained, letters in order with some
    /// missing (text that lost its diacritic vowels: "lngson" in "langson"), or a near miss by edit distance.
    /// </summary>
    public static double Score(string query, ulong queryMask, string key, ulong keyMask)
    {
        if (query.Length == 0 || key.Length == 0) return 0;
        if (query == key) return 1.0;
        if (key.StartsWith(query, StringComparison.Ordinal)) return 0.9 * Coverage(query, key) + 0.05;
        if (key.Contains(query, StringComparison.Ordinal)) return 0.75 * Coverage(query, key) + 0.05;
        var best = 0.0;
        if (query.Length >= 3 && query[0] == key[0] && IsSubsequence(query, key))
        {
            best = 0.5 + 0.3 * Coverage(query, key);
        }
        // The edit distance is at least the length difference, and at least the number of distinct characters one has and
        // the other lacks; skip it when either alone rules out 70 % similarity.
        var allowed = 0.3 * Math.Max(query.Length, key.Length);
        if (query.Length >= 4 && Math.Abs(query.Length - key.Length) <= allowed
            && Math.Max(System.Numerics.BitOperations.PopCount(queryMask & ~keyMask), System.Numerics.BitOperations.PopCount(keyMask & ~queryMask)) <= allowed)
        {
            var distance = Levenshtein(query, key);
            var similarity = 1.0 - (double)distance / Math.Max(query.Length, key.Length);
            if (similarity >= 0.7) best = Math.Max(best, 0.6 * similarity + 0.1);
        }
        return best;
    }

    private static double Coverage(string query, string key) => (double)query.Length / key.Length;

    private static bool IsSubsequence(string query, string key)
    {
        var i = 0;
        foreach (var c in key)
        {
            if (i < query.Length && query[i] == c) i++;
        }
        return i == query.Length;
    }

    private static int Levenshtein(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
