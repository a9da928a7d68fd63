using System.Globalization;

namespace Borderlink.Tests.Infrastructure;

/// <summary>Reads a Prometheus text page as an operator's Prometheus would: one sample per line, <c>name{labels} value</c>.</summary>
public static class Scrape
{
    public static async Task<string> PageAsync(string url)
    {
        using var client = new HttpClient();
        return await client.GetStringAsync(url);
    }

    /// <summary>The sum of the samples of <paramref name="name"/> whose labels include every one of <paramref name="labels"/> (null when there is none).</summary>
    public static double? Value(string page, string name, params (string Label, string Value)[] labels)
    {
        double? sum = null;
        foreach (var line in page.Split('\n'))
        {
            if (line.StartsWith('#') || !line.StartsWith(name, StringComparison.Ordinal)) continue;
            var rest = line[name.Length..];
            if (rest.Length == 0 || (rest[0] != '{' && rest[0] != ' ')) continue; // another metric whose name starts the same
            var labelText = rest[0] == '{' ? rest[1..rest.IndexOf('}', StringComparison.Ordinal)] : "";
            if (!labels.All(l => labelText.Contains($"{l.Label}=\"{l.Value}\"", StringComparison.Ordinal))) continue;
            var value = rest[(rest.LastIndexOf('}') + 1)..].Trim().Split(' ')[0];
            sum = (sum ?? 0) + double.Parse(value, CultureInfo.InvariantCulture);
        }
        return sum;
    }
}
