namespace Borderlink.Sharing;

/// <summary>
/// Code lists as stored in one column, "|A|B|": a record's audience and restriction, a notification's places, the
/// parties of an agreement or of signed minutes. Each code stands between bars, so "contains code X" is a text search for
/// <see cref="Token"/> that both engines answer with an index-free LIKE and that no code can match by a prefix.
/// Reading also accepts the bare "A|B" form some reference columns keep (flows, working languages, scopes).
/// </summary>
public static class Codes
{
    public static string[] Split(string? stored) => (stored ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The list in the order given, each code once (a notification's places keep the order they were written in).</summary>
    public static string Join(IEnumerable<string> codes) => Stored(codes.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct(StringComparer.Ordinal));

    /// <summary>The list in code order, each code once (a set: an audience, the parties of an agreement).</summary>
    public static string JoinSorted(IEnumerable<string> codes) =>
        Stored(codes.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    /// <summary>What a stored list contains when it holds <paramref name="code"/>.</summary>
    public static string Token(string code) => "|" + code + "|";

    private static string Stored(IEnumerable<string> codes)
    {
        var list = codes.ToList();
        return list.Count == 0 ? "" : "|" + string.Join('|', list) + "|";
    }
}
