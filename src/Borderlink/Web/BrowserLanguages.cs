using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Primitives;

namespace Borderlink.Web;

/// <summary>
/// The browser's languages in its order of preference, with any Chinese it asks for — zh, zh-CN, zh-TW, zh-HK,
/// zh-Hant… — read as the Chinese Borderlink writes (zh-Hans): a reader who asks for Chinese gets Chinese, not the
/// English default that a strict match of "zh-TW" against "zh-Hans" would give.
/// </summary>
public sealed class BrowserLanguages : RequestCultureProvider
{
    private const int MaxLanguages = 5;

    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var header = httpContext.Request.GetTypedHeaders().AcceptLanguage;
        if (header is null || header.Count == 0) return NullProviderCultureResult;
        var cultures = header.Where(h => h.Quality is not <= 0).OrderByDescending(h => h.Quality ?? 1)
            .Select(h => h.Value.Value).OfType<string>().Select(ChineseAsWritten)
            .Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxLanguages).Select(c => new StringSegment(c)).ToList();
        return cultures.Count == 0 ? NullProviderCultureResult : Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(cultures));
    }

    private static string ChineseAsWritten(string language) =>
        language.Equals("zh", StringComparison.OrdinalIgnoreCase) || language.StartsWith("zh-", StringComparison.OrdinalIgnoreCase) ? "zh-Hans" : language;
}
