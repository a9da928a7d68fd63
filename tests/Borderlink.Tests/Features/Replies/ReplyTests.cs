using System.Net;
using System.Net.Http.Json;
using Borderlink.Features.Alerts;
using Borderlink.Features.Meetings;
using Borderlink.Features.Replies;
using Borderlink.Features.Translation;
using Borderlink.Sharing;
using Borderlink.Tests.Features.Meetings;
using Borderlink.Tests.Features.Notes;
using Borderlink.Tests.Infrastructure;
using Borderlink.Web;

namespace Borderlink.Tests.Features.Replies;

/// <summary>
/// Replies on every record (issue 19 item 1): whoever sees a partner's record answers it with a record of their own,
/// shared back with the owner (the owner's answer with everyone the record is shared with), shown as a thread under the
/// record, alerting the party it reaches, translatable by the other side. Its own app: alerts are counted.
/// </summary>
public sealed class ReplyTests() : OwnAppTest(new BorderlinkApp().WithSetting("Notifications:WatchEnabled", "false"))
{
    private static string RepliesPath(string type, Guid id) => $"/api/v1/records/{type}/{id}/replies";

    private static async Task<ReplyDto> ReplyAsync(HttpClient client, string type, Guid id, string text, string language)
    {
        var response = await client.PostAsJsonAsync(RepliesPath(type, id), new { text, language }, Json.Options);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ReadAsync<ReplyDto>();
    }

    private static async Task<List<ReplyDto>> ThreadAsync(HttpClient client, string type, Guid id) =>
        await (await client.GetAsync(RepliesPath(type, id))).ReadAsync<List<ReplyDto>>();

    [Fact]
    public async Task Guangxi_answers_Lang_Sons_note_Lang_Son_is_alerted_answers_back_and_a_translation_by_either_side_shows_under_it()
    {
        const string note = "liaison-note";
        var langSon = await App.SignInAsync("langson.liaison", "vi");
        var shared = await langSon.CreateNoteAsync("Đề nghị trao đổi số liệu sốt xuất huyết", "Partners", ["CN-GX"]);
        var guangxi = await App.SignInAsync("guangxi.liaison", "zh-Hans");

        var answer = await ReplyAsync(guangxi, note, shared.Id, "同意，每周一交换上周数据。", "zh-Hans");
        Assert.Equal(("CN-GX", Visibility.Partners), (answer.OwnerParty, answer.Visibility));
        Assert.Equal(["VN-09"], answer.Audience);

        // Lang Son sees the thread, in the API and under its note, and has one alert that opens the note.
        Assert.Equal([answer.Id], (await ThreadAsync(langSon, note, shared.Id)).Select(r => r.Id));
        var page = WebUtility.HtmlDecode(await langSon.GetStringAsync($"/notes/{shared.Id}"));
        Assert.Contains("<p lang=\"zh-Hans\" class=\"text\">同意，每周一交换上周数据。</p>", page, StringComparison.Ordinal);
        Assert.Contains("Phản hồi (1)", page, StringComparison.Ordinal);
        var alert = Assert.Single((await (await langSon.GetAsync("/api/v1/alerts?unread=true")).ReadAsync<Paged<AlertDto>>()).Items);
        Assert.Equal((RecordReply.TypeName, answer.Id, "CN-GX"), (alert.RecordType, alert.RecordId, alert.Addressee));
        var open = await langSon.GetAsync(alert.Href);
        Assert.Equal(HttpStatusCode.Redirect, open.StatusCode);
        Assert.EndsWith($"/notes/{shared.Id}", open.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Contains("phản hồi của Khu tự trị dân tộc Choang Quảng Tây", WebUtility.HtmlDecode(await langSon.GetStringAsync("/alerts")), StringComparison.Ordinal);

        // Lang Son answers back through the form under its note: everyone the note is shared with sees it.
        var posted = await Forms.PostAsync(langSon, $"/notes/{shared.Id}", $"/notes/{shared.Id}", $"reply-{shared.Id}",
            [new("Reply.Text", "Cảm ơn, bắt đầu từ tuần 48."), new("Reply.Language", "vi")]);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var thread = await ThreadAsync(guangxi, note, shared.Id);
        Assert.Equal(["CN-GX", "VN-09"], thread.Select(r => r.OwnerParty));
        Assert.Equal(["CN-GX"], thread[1].Audience);
        Assert.Single((await (await guangxi.GetAsync("/api/v1/alerts?unread=true&kind=shared")).ReadAsync<Paged<AlertDto>>()).Items,
            a => a.RecordType == RecordReply.TypeName);

        // A Lang Son translator puts Guangxi's answer into Vietnamese; it shows under the answer on the page of both sides.
        var translated = await langSon.PostAsJsonAsync("/api/v1/translations",
            new { targetType = RecordReply.TypeName, targetId = answer.Id, field = "text", language = "vi", text = "Đồng ý, thứ Hai hằng tuần trao đổi số liệu tuần trước." },
            Json.Options);
        Assert.Equal(HttpStatusCode.Created, translated.StatusCode);
        Assert.Contains("Đồng ý, thứ Hai hằng tuần", WebUtility.HtmlDecode(await langSon.GetStringAsync($"/notes/{shared.Id}")), StringComparison.Ordinal);
        var seenByGuangxi = (await ThreadAsync(guangxi, note, shared.Id)).Single(r => r.Id == answer.Id);
        Assert.Equal(("vi", false), (Assert.Single(seenByGuangxi.Translations).Language, seenByGuangxi.Translations[0].Outdated));

        // Cao Bang, not in the note's audience, sees neither the note nor its thread (Guangxi, above, sees both).
        var caoBang = await App.SignInAsync("caobang.liaison", "vi");
        Assert.Equal(HttpStatusCode.NotFound, (await caoBang.GetAsync(RepliesPath(note, shared.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await caoBang.PostAsJsonAsync(RepliesPath(note, shared.Id), new { text = "?", language = "vi" }, Json.Options)).StatusCode);
    }

    [Fact]
    public async Task A_reply_needs_words_a_language_and_a_writer_and_answers_a_record_not_a_reply()
    {
        var langSon = await App.SignInAsync("langson.liaison", "fr");
        var shared = await langSon.CreateNoteAsync("Note partagée", "Partners", ["CN-GX"], language: "fr");
        var guangxi = await App.SignInAsync("guangxi.officer", "fr");

        var empty = await guangxi.PostAsJsonAsync(RepliesPath("liaison-note", shared.Id), new { text = " ", language = "klingon" }, Json.Options);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var errors = (await empty.ReadJsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("text", out _) && errors.TryGetProperty("language", out _));
        var form = await Forms.PostAsync(guangxi, $"/notes/{shared.Id}", $"/notes/{shared.Id}", $"reply-{shared.Id}", [new("Reply.Text", ""), new("Reply.Language", "fr")]);
        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
        Assert.Contains("Ce champ est obligatoire", WebUtility.HtmlDecode(await form.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var viewer = await App.SignInAsync("guangxi.viewer");
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync(RepliesPath("liaison-note", shared.Id), new { text = "x", language = "fr" }, Json.Options)).StatusCode);
        var reply = await ReplyAsync(guangxi, "liaison-note", shared.Id, "Bien reçu.", "fr");
        Assert.Equal(HttpStatusCode.NotFound, (await guangxi.PostAsJsonAsync(RepliesPath(RecordReply.TypeName, reply.Id), new { text = "x", language = "fr" }, Json.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await guangxi.GetAsync(RepliesPath("no-such-type", shared.Id))).StatusCode);
        Assert.Single(await ThreadAsync(guangxi, "liaison-note", shared.Id));
    }

    [Fact]
    public async Task Any_shared_record_takes_replies_the_same_way_a_meeting_as_a_note()
    {
        var langSon = await App.SignInAsync("langson.liaison", "en");
        var meeting = await langSon.ScheduleMeetingAsync("Cuộc họp giao ban tháng 12", "2026-12-10T09:00:00", "2026-12-10T11:00:00", ["CN-GX"]);
        var guangxi = await App.SignInAsync("guangxi.liaison", "en");
        var reply = await ReplyAsync(guangxi, Meeting.TypeName, meeting.Id, "我方将派三人参加。", "zh-Hans");
        Assert.Contains("我方将派三人参加。", await langSon.GetStringAsync($"/meetings/{meeting.Id}"), StringComparison.Ordinal);
        // The reply's text is translatable like any field (the translator's work page knows it).
        Assert.NotNull(Translatable.Find(RecordReply.TypeName, "text"));
        Assert.Equal(HttpStatusCode.OK, (await langSon.GetAsync($"/translations/work?type={RecordReply.TypeName}&id={reply.Id}&field=text")).StatusCode);
    }
}
