namespace Borderlink.Web;

/// <summary>Larger text and dark theme, kept in a cookie so they work without JavaScript and before sign-in.</summary>
public sealed record DisplayPreferences(bool Dark, bool Large)
{
    public const string CookieName = "borderlink.display";

    public string CssClass => string.Join(' ', new[] { Dark ? "theme-dark" : "", Large ? "text-large" : "" }.Where(c => c.Length > 0));

    public static DisplayPreferences Read(HttpRequest request)
    {
        var value = request.Cookies[CookieName] ?? "";
        return new DisplayPreferences(value.Contains("dark", StringComparison.Ordinal), value.Contains("large", StringComparison.Ordinal));
    }

    public string ToCookie() => string.Join('.', new[] { Dark ? "dark" : "light", Large ? "large" : "normal" });
}
