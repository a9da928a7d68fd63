namespace Borderlink.Sharing;

/// <summary>"|A|B|" code lists, as used for audiences.</summary>
public static class Codes
{
    public static string[] Split(string stored) => stored.Split('|', StringSplitOptions.RemoveEmptyEntries);

    public static string Join(IEnumerable<string> codes)
    {
        var distinct = codes.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count == 0 ? "" : "|" + string.Join('|', distinct) + "|";
    }
}
