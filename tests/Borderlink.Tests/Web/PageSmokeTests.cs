using System.Net;
using Borderlink.Tests.Features.Minutes;
using Borderlink.Tests.Infrastructure;

namespace Borderlink.Tests.Web;

/// <summary>The working pages of the mechanism and the gates open for the people who use them, in each language.</summary>
public sealed class PageSmokeTests(SharedApp app)
{
    [Theory]
    [InlineData("vi")]
    [InlineData("zh-Hans")]
    [InlineData("en")]
    [InlineData("fr")]
    public async Task Every_list_and_form_page_opens_in_each_language(string language)
    {
        var liaison = await app.SignInAsync("langson.liaison", language);
        var meeting = await MinutesTests.MeetingAsync(liaison);
        string[] pages =
        [
            "/measures", "/measures?box=overdue", $"/measures/new?source=Meeting&sourceId={meeting.Id}", $"/meetings/{meeting.Id}/follow-up",
            $"/meetings/{meeting.Id}/minutes/new", "/agreements", "/agreements/new", "/permits", "/permits/new", "/quarantine", "/quarantine/facilities/new",
            "/translations", "/glossary", "/vectors", "/gates/dashboard", "/gates/HUUNGHI-YOUYIGUAN", "/gates/HUUNGHI-YOUYIGUAN/screening",
            "/gates/HUUNGHI-YOUYIGUAN/traffic", "/gates/HUUNGHI-YOUYIGUAN/goods",
        ];
        foreach (var page in pages)
        {
            var response = await liaison.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page} answered {(int)response.StatusCode} in {language}");
        }
        var tokens = await (await app.SignInAsync("langson.admin", language)).GetAsync("/admin/tokens");
        Assert.Equal(HttpStatusCode.OK, tokens.StatusCode);
    }
}
