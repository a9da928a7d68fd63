using System.Net;
using Borderlink.Features.Alerts;
using Borderlink.Sharing;
using Borderlink.Sharing.Exchange;
using Borderlink.Tests.Features.Notes;
using Borderlink.Tests.Features.Notifications;
using Borderlink.Tests.Infrastructure;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Tests.Features.Alerts;

/// <summary>
/// The alert centre (issue 19 item 3): a record another party shares becomes one alert for the party it is shared with
/// (within a restriction's functions), an answer to one's notification alerts its owner, each reader marks alerts read
/// for themselves, the header counts them, and every alert links to a page through /records/{type}/{id}. Its own app:
/// alert counts must not see other tests' records.
/// </summary>
public sealed class AlertCentreTests() : OwnAppTest(new BorderlinkApp().WithSetting("Notifications:WatchEnabled", "false"))
{
    private const string Unread = "/api/v1/alerts?unread=true";

    private static string PathOf(HttpResponseMessage redirect) => new Uri(new Uri("http://host"), redirect.Headers.Location!).AbsolutePath;

    private static async Task<Paged<AlertDto>> AlertsAsync(HttpClient client, string query = Unread) =>
        await (await client.GetAsync(query)).ReadAsync<Paged<AlertDto>>();

    [Fact]
    public async Task A_note_shared_with_Guangxi_alerts_its_users_once_and_each_reads_it_for_themselves()
    {
        var langSon = await App.SignInAsync("langson.liaison", "vi");
        var viewer = await App.SignInAsync("guangxi.viewer", "zh-Hans");
        var officer = await App.SignInAsync("guangxi.officer", "en");
        var yunnan = await App.SignInAsync("yunnan.officer", "en");

        var note = await langSon.CreateNoteAsync("Tình hình sốt xuất huyết tại Đồng Đăng", "Partners", ["CN-GX"]);
        var internalNote = await langSon.CreateNoteAsync("Ghi chú nội bộ");

        var seen = Assert.Single((await AlertsAsync(viewer)).Items);
        Assert.Equal((Alert.Shared, LiaisonNoteType, note.Id, "VN-09", "Tình hình sốt xuất huyết tại Đồng Đăng"),
            (seen.Kind, seen.RecordType, seen.RecordId, seen.Addressee, seen.Title));
        Assert.Equal($"/records/{LiaisonNoteType}/{note.Id}", seen.Href);
        Assert.Single((await AlertsAsync(officer)).Items);
        // The owner's side, a party it was not shared with, and an internal note alert nobody.
        Assert.Empty((await AlertsAsync(langSon)).Items);
        Assert.Empty((await AlertsAsync(yunnan)).Items);
        Assert.Equal(0, await App.WithSystemDbAsync(db => db.Alerts.CountAsync(a => a.RecordId == internalNote.Id)));

        // The link opens the note's page for Guangxi; for Yunnan, which may not see it, it is not found.
        var open = await viewer.GetAsync(seen.Href);
        Assert.Equal(HttpStatusCode.Redirect, open.StatusCode);
        Assert.Equal($"/notes/{note.Id}", PathOf(open));
        Assert.Equal(HttpStatusCode.NotFound, (await yunnan.GetAsync(seen.Href)).StatusCode);

        // A new version for the same audience is not a new alert; sharing with one more party alerts that party only.
        Assert.Equal(HttpStatusCode.OK, (await langSon.PutAsync($"{NoteApiClient.Path}/{note.Id}",
            new { title = "Tình hình sốt xuất huyết tại Đồng Đăng (cập nhật)", body = "Thêm 3 ca", language = "vi" }, note.Version)).StatusCode);
        Assert.Single((await AlertsAsync(viewer)).Items);
        var caoBang = await App.SignInAsync("caobang.officer", "vi");
        Assert.Empty((await AlertsAsync(caoBang)).Items);
        Assert.Equal(HttpStatusCode.OK, (await langSon.ShareAsync(note.Id, note.Version + 1, "Partners", ["CN-GX", "VN-04"])).StatusCode);
        Assert.Single((await AlertsAsync(caoBang)).Items);
        Assert.Single((await AlertsAsync(viewer)).Items);

        // The header counts it, in words; the viewer reads it and the officer's stays unread.
        var header = WebUtility.HtmlDecode(await viewer.GetStringAsync("/notes"));
        Assert.Matches("data-testid=\"alert-count\">1<", header);
        Assert.Equal(HttpStatusCode.NoContent, (await viewer.PostAsync($"/api/v1/alerts/{seen.Id}/read", null)).StatusCode);
        Assert.Empty((await AlertsAsync(viewer)).Items);
        var all = Assert.Single((await AlertsAsync(viewer, "/api/v1/alerts")).Items);
        Assert.Equal((false, true), (all.Unread, all.ReadAt is not null));
        Assert.DoesNotContain("data-testid=\"alert-count\"", await viewer.GetStringAsync("/notes"), StringComparison.Ordinal);
        Assert.Single((await AlertsAsync(officer)).Items);
        // Someone else's alert cannot be marked.
        Assert.Equal(HttpStatusCode.NotFound, (await yunnan.PostAsync($"/api/v1/alerts/{seen.Id}/read", null)).StatusCode);

        // The centre in Chinese names what happened and who, and offers the filter by kind in words.
        var centre = WebUtility.HtmlDecode(await officer.GetStringAsync("/alerts"));
        Assert.Contains("liaison note shared by Lang Son Province", centre, StringComparison.Ordinal);
        var zh = WebUtility.HtmlDecode(await viewer.GetStringAsync("/alerts"));
        Assert.Contains("谅山省共享的联络函", zh, StringComparison.Ordinal);
        Assert.Contains(">与本方共享</option>", zh, StringComparison.Ordinal);
        Assert.DoesNotContain(">shared</option>", zh, StringComparison.Ordinal);

        // Taken back from Cao Bang: its alert goes with it (the title must not outlive the sharing); Guangxi keeps its own.
        Assert.Equal(HttpStatusCode.OK, (await langSon.ShareAsync(note.Id, note.Version + 2, "Partners", ["CN-GX"])).StatusCode);
        Assert.Empty((await AlertsAsync(caoBang, "/api/v1/alerts")).Items);
        Assert.Single((await AlertsAsync(officer)).Items);
    }

    [Fact]
    public async Task A_restricted_record_alerts_only_the_functions_it_is_restricted_to()
    {
        var langSon = await App.SignInAsync("langson.liaison", "vi");
        var note = await langSon.CreateNoteAsync("Trao đổi về tội phạm xuyên biên giới", "Restricted", ["CN-GX"], ["public-security"]);

        var police = await App.SignInAsync("guangxi.police", "en");
        var health = await App.SignInAsync("guangxi.officer", "en");
        Assert.Equal(note.Id, Assert.Single((await AlertsAsync(police)).Items).RecordId);
        Assert.Empty((await AlertsAsync(health)).Items);
    }

    [Fact]
    public async Task An_answer_to_a_notification_alerts_its_owner_and_opens_the_notification()
    {
        var langSon = await App.SignInAsync("langson.liaison", "vi");
        var sent = await langSon.NotifyAsync("Sốt xuất huyết tại Lộc Bình");
        var guangxi = await App.SignInAsync("guangxi.officer", "zh-Hans");
        var told = Assert.Single((await AlertsAsync(guangxi, Unread + "&kind=shared")).Items);
        Assert.Equal(EventNotificationType, told.RecordType);

        Assert.Equal(HttpStatusCode.Created, (await guangxi.AcknowledgeAsync(sent.Id)).StatusCode);
        var answer = Assert.Single((await AlertsAsync(langSon)).Items);
        Assert.Equal((NotificationResponseType, "CN-GX"), (answer.RecordType, answer.Addressee));
        var open = await langSon.GetAsync(answer.Href);
        Assert.Equal(HttpStatusCode.Redirect, open.StatusCode);
        Assert.Equal($"/notifications/{sent.Id}", PathOf(open));
        var page = WebUtility.HtmlDecode(await langSon.GetStringAsync("/alerts"));
        Assert.Contains("phản hồi của Khu tự trị dân tộc Choang Quảng Tây về một thông báo", page, StringComparison.Ordinal);
        var home = WebUtility.HtmlDecode(await langSon.GetStringAsync("/"));
        Assert.Contains("Cảnh báo chưa đọc (1)", home, StringComparison.Ordinal);

        // All read at once, through the page's button.
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(langSon, "/alerts", "/alerts", "alerts-read-all", [])).StatusCode);
        Assert.Empty((await AlertsAsync(langSon)).Items);
        Assert.Single((await AlertsAsync(langSon, "/api/v1/alerts")).Items);
        // An unknown kind is refused, not ignored.
        Assert.Equal(HttpStatusCode.BadRequest, (await langSon.GetAsync("/api/v1/alerts?kind=everything")).StatusCode);
    }

    private const string LiaisonNoteType = Borderlink.Features.Notes.LiaisonNote.TypeName;
    private const string EventNotificationType = Borderlink.Features.Notifications.EventNotification.TypeName;
    private const string NotificationResponseType = Borderlink.Features.Notifications.NotificationResponse.TypeName;
}

/// <summary>What every alert needs from the code, without an app: a page to open and a sentence in each language.</summary>
public sealed class AlertWordsTests
{
    [Fact]
    public void Every_record_type_has_a_page_and_every_alerting_type_a_sentence_in_each_language()
    {
        var types = RecordTypes.ByName;
        Assert.All(types, t => Assert.True(RecordPages.Of(t.Value) is not null, $"{t.Key} has no [RecordPage]"));
        var alerting = types.Where(t => t.Value.GetCustomAttributes(typeof(AlertWhenSharedAttribute), false).Length > 0).Select(t => t.Key).ToList();
        Assert.Contains(Borderlink.Features.Notes.LiaisonNote.TypeName, alerting); // positive control: the enumeration finds the attribute
        // English has them (ResourceTests.Every_key_is_translated holds the other three languages to English).
        var english = Borderlink.Tests.Web.ResourceTests.Entries("");
        Assert.All(alerting, type => Assert.True(english.ContainsKey("Alerts.shared." + type), $"Alerts.shared.{type} is missing"));
        Assert.All(Alert.Kinds, kind => Assert.True(english.ContainsKey("AlertKind." + kind), $"AlertKind.{kind} is missing"));
    }
}
