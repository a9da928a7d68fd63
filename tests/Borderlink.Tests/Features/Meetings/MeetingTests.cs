using System.Net;
using System.Net.Http.Json;
using Borderlink.Features.Meetings;
using Borderlink.Tests.Infrastructure;
using Ical.Net;

namespace Borderlink.Tests.Features.Meetings;

/// <summary>Meetings, invitations and their calendar files, read back with a calendar library.</summary>
public sealed class MeetingTests(SharedApp app)
{
    private static async Task<MeetingDto> ScheduleAsync(HttpClient client, string title, string[]? invite = null)
    {
        var response = await client.PostAsJsonAsync(MeetingsApi.Path, new
        {
            title, kind = "JwcConference", number = 13, localStart = "2026-12-01T09:00:00", localEnd = "2026-12-01T11:30:00", timeZone = "Asia/Ho_Chi_Minh",
            online = false, location = "Khách sạn Mường Thanh, Lạng Sơn", agenda = "1. Tình hình dịch\\n2. Cửa khẩu", language = "vi", invite,
            // At the table: the host and those it invites (a party named there but not invited is refused, see below).
            participants = new[] { new { party = "VN-09", agency = "Sở Ngoại vụ", people = "5" } }
                .Concat((invite ?? []).Select(p => new { party = p, agency = p == "CN-GX" ? "外事办" : "", people = "6" })).ToArray(),
        }, Json.Options);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadAsync<MeetingDto>();
    }

    [Fact]
    public async Task A_party_named_among_the_participants_must_be_invited_and_the_refusal_says_which()
    {
        var langSon = await app.SignInAsync("langson.liaison", "vi");
        var meeting = new
        {
            title = "Họp giao ban " + Guid.NewGuid().ToString("N")[..6], kind = "BorderGateMeeting", localStart = "2026-12-03T09:00:00", localEnd = "2026-12-03T10:00:00",
            timeZone = "Asia/Ho_Chi_Minh", online = false, location = "Cửa khẩu Chi Ma", agenda = "", language = "vi", invite = Array.Empty<string>(),
            participants = new[] { new { party = "VN-09", agency = "Sở Y tế", people = "" }, new { party = "CN-GX", agency = "外事办", people = "" } },
        };
        var refused = await langSon.PostAsJsonAsync(MeetingsApi.Path, meeting, Json.Options);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var message = (await refused.ReadJsonAsync()).GetProperty("errors").GetProperty("participants")[0].GetString();
        Assert.Equal("Khu tự trị dân tộc Choang Quảng Tây có tên trong danh sách tham dự nhưng chưa được mời: hãy mời, hoặc bỏ khỏi danh sách tham dự.", message);

        // Positive control: the same meeting with Guangxi invited is scheduled and shared with it.
        var invited = await langSon.PostAsJsonAsync(MeetingsApi.Path, meeting with { invite = new[] { "CN-GX" } }, Json.Options);
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        Assert.Equal(["CN-GX"], (await invited.ReadAsync<MeetingDto>()).Invited);
    }

    [Fact]
    public async Task The_calendar_file_parses_and_keeps_the_meetings_own_time_zone()
    {
        var langSon = await app.SignInAsync("langson.liaison", "en");
        var title = "Hội nghị JWC " + Guid.NewGuid().ToString("N")[..6];
        var meeting = await ScheduleAsync(langSon, title, ["CN-GX"]);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero), meeting.StartsAt);

        var guangxi = await app.SignInAsync("guangxi.officer", "zh-Hans");
        var file = await guangxi.GetAsync($"{MeetingsApi.Path}/{meeting.Id}.ics");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("text/calendar", file.Content.Headers.ContentType?.MediaType);
        var calendar = Calendar.Load(await file.Content.ReadAsStringAsync())!;
        var ev = Assert.Single(calendar.Events);
        Assert.Equal((meeting.Id.ToString(), title), (ev.Uid, ev.Summary));
        Assert.Equal("Asia/Ho_Chi_Minh", ev.Start!.TzId);
        Assert.Equal(new DateTime(2026, 12, 1, 9, 0, 0), ev.Start.Value);
        Assert.Equal(new DateTime(2026, 12, 1, 2, 0, 0, DateTimeKind.Utc), ev.Start.AsUtc);
        Assert.Equal(new DateTime(2026, 12, 1, 4, 30, 0, DateTimeKind.Utc), ev.End!.AsUtc);
        Assert.Contains(calendar.TimeZones, z => z.TzId == "Asia/Ho_Chi_Minh");

        var chinesePage = WebUtility.HtmlDecode(await guangxi.GetStringAsync($"/meetings/{meeting.Id}"));
        Assert.Contains("2026-12-01 10:00 (北京时间, UTC+8)", chinesePage, StringComparison.Ordinal);
        Assert.Contains("第13次联合工作委员会会议", chinesePage, StringComparison.Ordinal);
        Assert.Contains("13th JWC conference", await langSon.GetStringAsync($"/meetings/{meeting.Id}"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("caobang.officer")).GetAsync($"{MeetingsApi.Path}/{meeting.Id}.ics")).StatusCode);
    }

    [Fact]
    public async Task Each_user_subscribes_to_a_feed_of_the_meetings_they_may_see_and_a_new_address_retires_the_old()
    {
        var langSon = await app.SignInAsync("langson.liaison");
        var shared = await ScheduleAsync(langSon, "Shared " + Guid.NewGuid().ToString("N")[..6], ["CN-GX"]);
        var internalOnly = await ScheduleAsync(langSon, "Internal " + Guid.NewGuid().ToString("N")[..6]);

        var guangxi = await app.SignInAsync("guangxi.liaison");
        var url = (await (await guangxi.PostAsync("/api/v1/me/calendar-feed", null)).ReadJsonAsync()).GetProperty("url").GetString()!;
        var anonymous = app.Anonymous();
        var feed = Calendar.Load(await anonymous.GetStringAsync(new Uri(url).PathAndQuery))!;
        Assert.Contains(feed.Events, e => e.Uid == shared.Id.ToString());
        Assert.DoesNotContain(feed.Events, e => e.Uid == internalOnly.Id.ToString());

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/calendar/cal_0000.ics")).StatusCode);
        await guangxi.PostAsync("/api/v1/me/calendar-feed", null);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri(url).PathAndQuery)).StatusCode);
    }

    [Fact]
    public async Task The_meeting_place_is_typed_in_any_spelling_and_resolved_through_the_gazetteer()
    {
        var langSon = await app.SignInAsync("langson.officer", "vi");
        var title = "Gặp gỡ tại cửa khẩu " + Guid.NewGuid().ToString("N")[..6];
        List<KeyValuePair<string, string>> Fields(string place) =>
        [
            new("Form.Title", title), new("Form.Kind", "BorderGateMeeting"), new("Form.Start", "2026-12-05T09:00"), new("Form.End", "2026-12-05T10:00"),
            new("Form.TimeZone", "Asia/Ho_Chi_Minh"), new("Form.Place", place), new("Form.Location", "Nhà kiểm soát liên hợp"), new("Form.Language", "vi"),
        ];
        var unknown = await Forms.PostAsync(langSon, "/meetings/new", "/meetings/new", "meeting", Fields("Qwxzzq"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("data-testid=\"error-placeCode\"", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var posted = await Forms.PostAsync(langSon, "/meetings/new", "/meetings/new", "meeting", Fields("友谊关"));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var id = Guid.Parse(posted.Headers.Location!.ToString().Split('/').Last());
        var meeting = await (await langSon.GetAsync($"{MeetingsApi.Path}/{id}")).ReadAsync<MeetingDto>();
        Assert.Equal("HUUNGHI-YOUYIGUAN", meeting.PlaceCode);
        var known = WebUtility.HtmlDecode(await langSon.GetStringAsync($"/meetings/{id}"));
        Assert.Contains("Hữu Nghị", known, StringComparison.Ordinal);
        Assert.DoesNotContain("chưa có trong danh mục địa danh", known, StringComparison.Ordinal);

        // Not a dead end: the officer keeps the unknown name as written, and every reader sees it marked as such.
        const string written = "Nhà khách Qwxzzq";
        var kept = await Forms.PostAsync(langSon, "/meetings/new", "/meetings/new", "meeting", [.. Fields(written), new("Form.KeepPlaceAsWritten", "true")]);
        Assert.Equal(HttpStatusCode.Redirect, kept.StatusCode);
        var keptId = Guid.Parse(kept.Headers.Location!.ToString().Split('/').Last());
        var keptMeeting = await (await langSon.GetAsync($"{MeetingsApi.Path}/{keptId}")).ReadAsync<MeetingDto>();
        Assert.Equal((null, written), (keptMeeting.PlaceCode, keptMeeting.PlaceAsWritten));
        Assert.Contains($"{written} (chưa có trong danh mục địa danh)", WebUtility.HtmlDecode(await langSon.GetStringAsync($"/meetings/{keptId}")), StringComparison.Ordinal);
        // Its edit form offers it again as written, so a save does not lose it.
        var edit = WebUtility.HtmlDecode(await langSon.GetStringAsync($"/meetings/{keptId}/edit"));
        Assert.Contains($"value=\"{written}\"", edit, StringComparison.Ordinal);
        Assert.Matches("name=\"Form.KeepPlaceAsWritten\" value=\"true\" checked", edit);
    }

    [Fact]
    public async Task Through_the_api_an_unknown_place_is_refused_with_the_nearest_names_or_kept_as_written_when_asked()
    {
        var langSon = await app.SignInAsync("langson.officer", "en");
        object Meeting(string place, bool keep) => new
        {
            title = "Talks " + Guid.NewGuid().ToString("N")[..6], kind = "Talks", localStart = "2026-12-07T09:00:00", localEnd = "2026-12-07T10:00:00",
            timeZone = "Asia/Ho_Chi_Minh", placeCode = place, keepPlaceAsWritten = keep, language = "en",
        };
        // A name, not a code: resolved as the form resolves it.
        var named = await langSon.PostAsJsonAsync(MeetingsApi.Path, Meeting("Loc Binh", keep: false), Json.Options);
        Assert.Equal(HttpStatusCode.Created, named.StatusCode);
        var resolved = await named.ReadAsync<MeetingDto>();
        Assert.Equal(("VN-09-06529", null), (resolved.PlaceCode, resolved.PlaceAsWritten));

        var refused = await langSon.PostAsJsonAsync(MeetingsApi.Path, Meeting("Lok Binhq", keep: false), Json.Options);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadAsStringAsync();
        Assert.Contains("placeCode", problem, StringComparison.Ordinal);
        Assert.Contains("Lok Binhq", problem, StringComparison.Ordinal);
        Assert.Contains("Nearest: Loc Binh Commune", problem, StringComparison.Ordinal); // the nearest names, offered in the reader's language

        var kept = await langSon.PostAsJsonAsync(MeetingsApi.Path, Meeting("Lok Binhq", keep: true), Json.Options);
        Assert.Equal(HttpStatusCode.Created, kept.StatusCode);
        var meeting = await kept.ReadAsync<MeetingDto>();
        Assert.Equal((null, "Lok Binhq"), (meeting.PlaceCode, meeting.PlaceAsWritten));
    }

    [Fact]
    public async Task A_delegation_is_written_with_its_partys_name_and_shown_with_it_again()
    {
        var langSon = await app.SignInAsync("langson.officer", "vi");
        var posted = await Forms.PostAsync(langSon, "/meetings/new", "/meetings/new", "meeting",
        [
            new("Form.Title", "Họp đoàn " + Guid.NewGuid().ToString("N")[..6]), new("Form.Kind", "BorderGateMeeting"), new("Form.Start", "2026-12-06T09:00"),
            new("Form.End", "2026-12-06T10:00"), new("Form.TimeZone", "Asia/Ho_Chi_Minh"), new("Form.Language", "vi"),
            new("Form.Participants", "Lạng Sơn; Sở Y tế; 3 người"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var id = Guid.Parse(posted.Headers.Location!.ToString().Split('/').Last());
        var meeting = await (await langSon.GetAsync($"{MeetingsApi.Path}/{id}")).ReadAsync<MeetingDto>();
        Assert.Equal("VN-09", Assert.Single(meeting.Participants).Party);
        var edit = WebUtility.HtmlDecode(await langSon.GetStringAsync($"/meetings/{id}/edit"));
        Assert.Contains("Tỉnh Lạng Sơn; Sở Y tế; 3 người", edit, StringComparison.Ordinal);
        Assert.DoesNotContain("VN-09; Sở Y tế", edit, StringComparison.Ordinal);
    }
}
