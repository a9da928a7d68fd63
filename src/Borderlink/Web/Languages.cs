namespace Borderlink.Web;

/// <summary>The four working languages of the mechanism, by culture name, with the name each gives itself.</summary>
public static class Languages
{
    public static readonly IReadOnlyList<(string Culture, string Code, string NativeName)> All =
    [
        ("vi", "vi", "Tiếng Việt"),
        ("zh-Hans", "zh-Hans", "中文"),
        ("en", "en", "English"),
        ("fr", "fr", "Français"),
    ];

    public static readonly string[] Cultures = All.Select(l => l.Culture).ToArray();

    public static bool IsSupported(string? culture) => culture is not null && Cultures.Contains(culture, StringComparer.OrdinalIgnoreCase);

    /// <summary>Maps any accepted spelling (zh-hans, ZH-Hans) to the canonical culture name, or null.</summary>
    public static string? Canonical(string? culture) => Cultures.FirstOrDefault(c => string.Equals(c, culture, StringComparison.OrdinalIgnoreCase));

    public static string NativeName(string culture) => All.FirstOrDefault(l => l.Culture == culture).NativeName ?? culture;

    /// <summary>
    /// Names listed in a sentence the way the reader's language lists them: "谅山省、广西壮族自治区" in Chinese (the
    /// enumeration comma), "Lạng Sơn, Quảng Tây" elsewhere.
    /// </summary>
    public static string List(IEnumerable<string> names) =>
        string.Join(System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal) ? "、" : ", ", names);

    /// <summary>Runs <paramref name="work"/> with the UI and format culture set to <paramref name="culture"/>, then restores them.</summary>
    public static T In<T>(string culture, Func<T> work)
    {
        var ui = System.Globalization.CultureInfo.CurrentUICulture;
        var format = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo(culture);
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo(culture);
            return work();
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = ui;
            System.Globalization.CultureInfo.CurrentCulture = format;
        }
    }
}
