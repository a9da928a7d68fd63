using Borderlink.Features.Alerts;
using System.Net;
using System.Net.Http.Json;
using Borderlink.Features.Measures;
using Borderlink.Features.Meetings;
using Borderlink.Features.Notifications;
using Borderlink.Tests.Infrastructure;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Tests.Features.Measures;

/// <summary>
/// Agreed measures on a clock of their own (the app starts 2026-11-22 16:30 UTC: still the 22nd in Lang Son, already the
/// 23rd in Nanning): overdue in the owner's calendar, reminders once, the JWC follow-up counts, and who may change what.
/// </summary>
public sealed class MeasureTests() : OwnAppTest(new BorderlinkApp().WithSetting("Notifications:WatchEnabled", "false"))
{
    private static async Task<MeetingDto> JwcAsync(HttpClient langSon, int number)
    {
        var response = await langSon.PostAsJsonAsync(MeetingsApi.Path, new
        {
            title = $"Hội nghị JWC lần thứ {number}", kind = "JwcConference", number, localStart = "2026-11-10T09:00:00", localEnd = "2026-11-10T17:00:00",
            timeZone = "Asia/Ho_Chi_Minh", online = false, location = "Lạng Sơn", agenda = "", language = "vi", invite = new[] { "CN-GX" },
            participants = Array.Empty<object>(),
        }, Json.Options);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadAsync<MeetingDto>();
    }

    private static async Task<MeasureDto> TakeOnAsync(HttpClient client, Guid meetingId, string what, string dueOn, string language = "vi")
    {
        var response = await client.PostAsJsonAsync(MeasuresApi.Path, new { what, language, dueOn, sourceKind = "Meeting", sourceId = meetingId }, Json.Options);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadAsync<MeasureDto>();
    }

    private static async Task<HttpResponseMessage> ReportAsync(HttpClient client, Guid id, string status, string note) =>
        await client.PostAsJsonAsync($"{MeasuresApi.Path}/{id}/progress", new { status, note, evidence = "Công văn số 12/SNgV", language = "vi" }, Json.Options);

    private static async Task<MeasureDto> GetAsync(HttpClient client, Guid id) => await (await client.GetAsync($"{MeasuresApi.Path}/{id}")).ReadAsync<MeasureDto>();

    private Task<int> RemindAsync() => App.WithServiceAsync<RemindMeasures, int>(r => r.RunAsync());

    [Fact]
    public async Task A_measure_is_overdue_from_the_day_after_its_due_date_in_its_owners_calendar_and_its_owner_is_reminded_once()
    {
        var langSonLiaison = await App.SignInAsync("langson.liaison");
        var meeting = await JwcAsync(langSonLiaison, 13);
        var langSon = await App.SignInAsync("langson.officer");
        var guangxi = await App.SignInAsync("guangxi.officer");
        var ours = await TakeOnAsync(langSon, meeting.Id, "Phun khử trùng khu vực cửa khẩu Hữu Nghị", "2026-11-22");
        var theirs = await TakeOnAsync(guangxi, meeting.Id, "友谊关口岸增设农产品快速通道", "2026-11-22", "zh-Hans");
        var later = await TakeOnAsync(guangxi, meeting.Id, "联合开展鼠疫宿主监测", "2026-12-31", "zh-Hans");

        // Due on the 22nd: still the 22nd in Lang Son, already the 23rd in Nanning.
        Assert.Equal((false, true, false), (ours.Overdue, theirs.Overdue, later.Overdue));
        var overdueSeenFromLangSon = await (await langSon.GetAsync($"{MeasuresApi.Path}?overdue=true")).ReadAsync<List<MeasureDto>>();
        Assert.Equal([theirs.Id], overdueSeenFromLangSon.Select(m => m.Id));

        // One pass reminds Lang Son that its measure is due soon and Guangxi that its one is overdue; a second pass does nothing.
        Assert.Equal(2, await RemindAsync());
        Assert.Equal(0, await RemindAsync());
        var alerts = await App.WithSystemDbAsync(db => db.Alerts.Where(a => a.RecordId == ours.Id || a.RecordId == theirs.Id)
            .Join(db.Users, a => a.UserId, u => u.Id, (a, u) => new { a.Kind, u.UserName }).ToListAsync());
        Assert.Contains(alerts, a => a is { Kind: Alert.MeasureDueSoon, UserName: "langson.officer" });
        Assert.Contains(alerts, a => a is { Kind: Alert.MeasureDueSoon, UserName: "langson.coordinator" });
        Assert.Contains(alerts, a => a is { Kind: Alert.MeasureOverdue, UserName: "guangxi.officer" });
        Assert.DoesNotContain(alerts, a => a.UserName!.StartsWith("guangxi", StringComparison.Ordinal) && a.Kind == Alert.MeasureDueSoon);
        Assert.DoesNotContain(alerts, a => a.UserName == "langson.viewer" || a.UserName == "langson.police");
        // The alert centre lists it; following it marks it read and opens the measure.
        var overdueAlert = Assert.Single((await (await guangxi.GetAsync("/api/v1/alerts?kind=measure-overdue")).ReadAsync<Paged<AlertDto>>()).Items);
        Assert.Equal((theirs.Id, $"/measures/{theirs.Id}"), (overdueAlert.RecordId, overdueAlert.Href));
        var centre = WebUtility.HtmlDecode(await guangxi.GetStringAsync("/alerts?kind=measure-overdue"));
        Assert.Contains($"href=\"/alerts/{overdueAlert.Id}/open\"", centre, StringComparison.Ordinal);
        var opened = await guangxi.GetAsync($"/alerts/{overdueAlert.Id}/open");
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.EndsWith($"/measures/{theirs.Id}", opened.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Empty((await (await guangxi.GetAsync("/api/v1/alerts?kind=measure-overdue&unread=true")).ReadAsync<Paged<AlertDto>>()).Items);

        // A day later Lang Son's is overdue too, and is reminded of that once; the one Guangxi finished is no longer overdue.
        App.Clock.Advance(TimeSpan.FromDays(1));
        guangxi = await App.SignInAsync("guangxi.officer");
        langSon = await App.SignInAsync("langson.officer");
        Assert.Equal(HttpStatusCode.OK, (await ReportAsync(guangxi, theirs.Id, "Done", "已开通农产品快速通道")).StatusCode);
        Assert.Equal((true, false), ((await GetAsync(langSon, ours.Id)).Overdue, (await GetAsync(langSon, theirs.Id)).Overdue));
        Assert.Equal(1, await RemindAsync());
        Assert.Equal(0, await RemindAsync());
        Assert.Equal(1, await App.WithSystemDbAsync(db => db.Alerts.CountAsync(a => a.RecordId == ours.Id && a.Kind == Alert.MeasureOverdue
            && db.Users.Any(u => u.Id == a.UserId && u.UserName == "langson.officer"))));
    }

    [Fact]
    public async Task The_follow_up_of_a_JWC_conference_counts_every_measure_agreed_there_by_status()
    {
        var meeting = await JwcAsync(await App.SignInAsync("langson.liaison"), 14);
        var other = await JwcAsync(await App.SignInAsync("langson.liaison"), 15);
        var langSon = await App.SignInAsync("langson.officer");
        var guangxi = await App.SignInAsync("guangxi.officer");
        var a = await TakeOnAsync(langSon, meeting.Id, "Trao đổi thông tin dịch hằng tuần", "2026-12-15");
        var b = await TakeOnAsync(langSon, meeting.Id, "Tập huấn kiểm dịch cho 50 cán bộ", "2026-11-01");
        var c = await TakeOnAsync(guangxi, meeting.Id, "扩大农产品通关口岸名单", "2026-11-30", "zh-Hans");
        var d = await TakeOnAsync(guangxi, meeting.Id, "共建边境卫生检疫实验室", "2026-10-01", "zh-Hans");
        await TakeOnAsync(langSon, other.Id, "Không thuộc hội nghị lần thứ 14", "2026-10-01");
        Assert.Equal(HttpStatusCode.OK, (await ReportAsync(langSon, a.Id, "InProgress", "Đã trao đổi 3 lần")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ReportAsync(guangxi, c.Id, "Done", "名单已扩大至12个口岸")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ReportAsync(guangxi, d.Id, "Dropped", "经双方同意取消")).StatusCode);

        var followUp = await (await guangxi.GetAsync($"/api/v1/meetings/{meeting.Id}/follow-up")).ReadAsync<FollowUpDto>();
        Assert.Equal(new MeasureCounts(Total: 4, Planned: 1, InProgress: 1, Done: 1, Dropped: 1, Overdue: 1), followUp.Counts);
        Assert.Equal([b.Id], followUp.Measures.Where(m => m.Overdue).Select(m => m.Id));
        Assert.Equal([a.Id, b.Id, c.Id, d.Id], followUp.Measures.Select(m => m.Id).Order());

        var page = WebUtility.HtmlDecode(await langSon.GetStringAsync("/follow-up/jwc/14"));
        foreach (var (cell, count) in new[] { ("count-total", 4), ("count-Planned", 1), ("count-InProgress", 1), ("count-Done", 1), ("count-Dropped", 1), ("count-overdue", 1) })
        {
            Assert.Contains($"data-testid=\"{cell}\">{count}</td>", page, StringComparison.Ordinal);
        }
        Assert.Contains("扩大农产品通关口岸名单", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Không thuộc hội nghị lần thứ 14", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_partner_cannot_change_a_measure_it_does_not_own_but_reports_progress_on_its_own()
    {
        var meeting = await JwcAsync(await App.SignInAsync("langson.liaison"), 16);
        var langSon = await App.SignInAsync("langson.officer");
        var guangxi = await App.SignInAsync("guangxi.officer");
        var ours = await TakeOnAsync(langSon, meeting.Id, "Bố trí khu cách ly tạm thời tại cửa khẩu", "2026-12-20");
        var theirs = await TakeOnAsync(guangxi, meeting.Id, "在友谊关设立临时隔离区", "2026-12-20", "zh-Hans");
        Assert.Equal(["CN-GX"], ours.Concerns);
        Assert.Equal(["VN-09"], theirs.Concerns);

        var change = new HttpRequestMessage(HttpMethod.Put, $"{MeasuresApi.Path}/{ours.Id}")
        {
            Content = JsonContent.Create(new { what = "改写", language = "zh-Hans", dueOn = "2027-01-31", sourceKind = "Meeting", sourceId = meeting.Id }, options: Json.Options),
        };
        change.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{ours.Version}\""));
        Assert.Equal(HttpStatusCode.Forbidden, (await guangxi.SendAsync(change)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ReportAsync(guangxi, ours.Id, "Done", "代为完成")).StatusCode);
        var unchanged = await GetAsync(langSon, ours.Id);
        Assert.Equal(("Bố trí khu cách ly tạm thời tại cửa khẩu", MeasureStatus.Planned, 0), (unchanged.What, unchanged.Status, unchanged.Progress.Count));
        Assert.True(await App.WithSystemDbAsync(db => db.AuditEntries.AnyAsync(e => e.Actor == "guangxi.officer" && e.Action == "refused" && e.RecordId == ours.Id)));

        // Where Guangxi is the owner, it reports progress, and Lang Son reads it.
        var reported = await ReportAsync(guangxi, theirs.Id, "InProgress", "隔离区已完成选址");
        Assert.Equal(HttpStatusCode.OK, reported.StatusCode);
        var seen = await GetAsync(langSon, theirs.Id);
        Assert.Equal((MeasureStatus.InProgress, "隔离区已完成选址", "guangxi.officer"), (seen.Status, seen.Progress.Single().Note, seen.Progress.Single().By));
        Assert.DoesNotContain("progress-save", await langSon.GetStringAsync($"/measures/{theirs.Id}"), StringComparison.Ordinal);
        Assert.Contains("progress-save", await guangxi.GetStringAsync($"/measures/{theirs.Id}"), StringComparison.Ordinal);

        // A party that was not at the meeting neither sees its measures nor takes one on there.
        var caoBang = await App.SignInAsync("caobang.officer");
        Assert.Equal(HttpStatusCode.NotFound, (await caoBang.GetAsync($"{MeasuresApi.Path}/{ours.Id}")).StatusCode);
        var refused = await caoBang.PostAsJsonAsync(MeasuresApi.Path, new { what = "x", language = "vi", dueOn = "2026-12-01", sourceKind = "Meeting", sourceId = meeting.Id }, Json.Options);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }
}
