using System.Net;
using System.Text.RegularExpressions;

namespace Borderlink.Tests.Infrastructure;

/// <summary>Posts the app's HTML forms the way a browser without JavaScript does: read the page, take its antiforgery token, submit.</summary>
public static partial class Forms
{
    /// <summary>The password every demo user gets (Demo:Password's default).</summary>
    public const string DemoPassword = "Border-Demo-2026!";

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public static async Task<string> TokenFromAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        var match = TokenPattern().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException($"No antiforgery token on {path}");
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string pagePath, string postPath, string? handler,
        IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = await TokenFromAsync(client, pagePath);
        var all = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", token) };
        if (handler is not null) all.Add(new("_handler", handler));
        all.AddRange(fields);
        return await client.PostAsync(postPath, new FormUrlEncodedContent(all));
    }

    /// <summary>The cookies a sign-in left in <paramref name="jar"/>, to hand to later clients of the same user.</summary>
    public static Cookie[] CookiesIn(CookieContainer jar) => [.. jar.GetAllCookies().Cast<Cookie>()];

    /// <summary>A new jar holding copies of <paramref name="cookies"/>: a second browser of a user already signed in.</summary>
    public static CookieContainer JarWith(IEnumerable<Cookie> cookies)
    {
        var jar = new CookieContainer();
        foreach (var cookie in cookies) jar.Add(new Cookie(cookie.Name, cookie.Value, cookie.Path, cookie.Domain));
        return jar;
    }

    public static Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string userName, string password) =>
        PostAsync(client, "/login", "/login", "login", [new("Input.UserName", userName), new("Input.Password", password), new("Input.ReturnUrl", "/")]);
}
