using System.Net;
using System.Net.Http.Json;
using Borderlink.Features.Cooperation;
using Borderlink.Tests.Infrastructure;

namespace Borderlink.Tests.Features.Cooperation;

/// <summary>Drills with their findings, and the quarterly Friendship Ambassador title given across the border.</summary>
public sealed class CooperationTests(SharedApp app)
{
    [Fact]
    public async Task Guangxi_names_a_Lang_Son_officer_Friendship_Ambassador_and_Lang_Son_reads_it()
    {
        var guangxi = await app.SignInAsync("guangxi.liaison");
        var person = "Nguyễn Văn " + Guid.NewGuid().ToString("N")[..5];
        var recorded = await guangxi.PostAsJsonAsync("/api/v1/recognitions", new
        {
            title = "友谊使者", year = 2026, quarter = 3, personName = person, personParty = "VN-09", agency = "Bộ đội Biên phòng Lạng Sơn",
            citation = "在口岸疫情联防联控中表现突出", language = "zh-Hans", shareWith = new[] { "VN-09" },
        }, Json.Options);
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var recognition = await recorded.ReadAsync<RecognitionDto>();

        var langSon = await app.SignInAsync("langson.viewer", "vi");
        var list = await (await langSon.GetAsync("/api/v1/recognitions?year=2026&quarter=3")).ReadAsync<List<RecognitionDto>>();
        Assert.Contains(list, r => r.Id == recognition.Id && r.PersonName == person);
        var page = await langSon.GetStringAsync($"/cooperation/recognitions/{recognition.Id}");
        Assert.Contains("Quý 3/2026", page, StringComparison.Ordinal);
        Assert.Contains(person, page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("yunnan.officer")).GetAsync($"/api/v1/recognitions/{recognition.Id}")).StatusCode);
        var badQuarter = await guangxi.PostAsJsonAsync("/api/v1/recognitions", new { title = "x", year = 2026, quarter = 5, personName = "y", personParty = "VN-09", language = "zh-Hans" }, Json.Options);
        Assert.Equal(HttpStatusCode.BadRequest, badQuarter.StatusCode);
    }

    [Fact]
    public async Task A_drill_is_kept_home_until_a_liaison_shares_it_from_its_page()
    {
        var officer = await app.SignInAsync("langson.officer");
        var title = "Diễn tập dịch hạch tại cửa khẩu " + Guid.NewGuid().ToString("N")[..5];
        var request = new
        {
            kind = "Drill", title, subject = "Phát hiện ca nghi dịch hạch thể phổi trên xe khách", startsOn = "2026-11-10", endsOn = "2026-11-10",
            location = "Cửa khẩu Hữu Nghị", findings = "Thiếu buồng cách ly tạm thời", language = "vi",
        };
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync("/api/v1/activities", new { request.kind, request.title, request.startsOn, request.language, shareWith = new[] { "CN-GX" } }, Json.Options)).StatusCode);
        var created = await officer.PostAsJsonAsync("/api/v1/activities", request, Json.Options);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var drill = await created.ReadAsync<ActivityDto>();
        var guangxi = await app.SignInAsync("guangxi.officer");
        Assert.Equal(HttpStatusCode.NotFound, (await guangxi.GetAsync($"/api/v1/activities/{drill.Id}")).StatusCode);

        var liaison = await app.SignInAsync("langson.liaison");
        var page = $"/cooperation/activities/{drill.Id}";
        var shared = await Forms.PostAsync(liaison, page, page, "share-" + drill.Id, [new("Version", "1"), new("visibility", "Partners"), new("audience", "CN-GX")]);
        Assert.Equal(HttpStatusCode.Redirect, shared.StatusCode);
        var seen = await guangxi.GetAsync($"/api/v1/activities/{drill.Id}");
        Assert.Equal(HttpStatusCode.OK, seen.StatusCode);
        Assert.Equal("Thiếu buồng cách ly tạm thời", (await seen.ReadAsync<ActivityDto>()).Findings);
    }
}
