using System.Net;
using Borderlink.Tests.Infrastructure;

namespace Borderlink.Tests.Features.Gates;

/// <summary>A gate pair's mode and level read as words of the reader's language, not the reference data's English codes.</summary>
public sealed class GateWordsTests(SharedApp app)
{
    [Theory]
    [InlineData("langson.officer", "vi", "đường bộ · cửa khẩu quốc tế")]
    [InlineData("guangxi.officer", "zh-Hans", "公路 · 国际口岸")]
    [InlineData("langson.officer", "fr", "route · point de passage international")]
    [InlineData("langson.officer", "en", "road · international border gate")]
    public async Task A_gate_pages_mode_and_level_are_words_of_the_readers_language(string user, string language, string words)
    {
        var page = WebUtility.HtmlDecode(await (await app.SignInAsync(user, language)).GetStringAsync("/gates/HUUNGHI-YOUYIGUAN"));
        Assert.Contains(words, page, StringComparison.Ordinal);
        if (language != "en") Assert.DoesNotContain("road · international", page, StringComparison.Ordinal);
    }
}
