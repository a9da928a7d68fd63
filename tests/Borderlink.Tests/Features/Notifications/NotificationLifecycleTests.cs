using System.Net;
using System.Net.Http.Json;
using System.Text;
using Borderlink.Features.Notifications;
using Borderlink.Tests.Features.Notes;
using Borderlink.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Tests.Features.Notifications;

/// <summary>Drafting, sending, updating, answering and who may see or do what, through the API and the pages.</summary>
public sealed class NotificationLifecycleTests(SharedApp app)
{
    private static string Unique(string title) => $"{title} {Guid.NewGuid():N}"[..(title.Length + 9)];

    [Fact]
    public async Task A_draft_stays_home_until_a_liaison_sends_it_and_then_only_addressees_see_it()
    {
        var officer = await app.SignInAsync("langson.officer");
        var draft = await officer.DraftNotificationAsync(Unique("Sốt xuất huyết tại Lạng Sơn"), places: ["Lang Son", "Đồng Đăng"]);
        Assert.Equal((NotificationStatus.Draft, 0), (draft.Status, draft.Revision));
        Assert.Equal(["VN-09", "VN-09-DD"], draft.Places);

        var guangxi = await app.SignInAsync("guangxi.officer");
        var yunnan = await app.SignInAsync("yunnan.officer");
        Assert.Equal(HttpStatusCode.NotFound, (await guangxi.GetAsync($"{NotificationApiClient.Path}/{draft.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostWithVersionAsync($"{NotificationApiClient.Path}/{draft.Id}/send", new { }, draft.Version)).StatusCode);

        var liaison = await app.SignInAsync("langson.liaison");
        var sent = await liaison.SendNotificationAsync(draft);
        Assert.Equal((NotificationStatus.Sent, 1), (sent.Status, sent.Revision));

        Assert.Equal(HttpStatusCode.OK, (await guangxi.GetAsync($"{NotificationApiClient.Path}/{draft.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await yunnan.GetAsync($"{NotificationApiClient.Path}/{draft.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await yunnan.AcknowledgeAsync(draft.Id)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await yunnan.GetAsync($"/notifications/{draft.Id}")).StatusCode);
        var yunnanInbox = await (await yunnan.GetAsync($"{NotificationApiClient.Path}?pageSize=500")).ReadJsonAsync();
        Assert.DoesNotContain(yunnanInbox.GetProperty("items").EnumerateArray(), n => n.GetProperty("id").GetGuid() == draft.Id);
        // The owner's own officer is not an addressee and cannot acknowledge for a partner.
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.AcknowledgeAsync(draft.Id)).StatusCode);
        var refusals = await app.WithSystemDbAsync(db => db.AuditEntries.CountAsync(e => e.RecordId == draft.Id && e.Action == "refused"
            && (e.Actor == "yunnan.officer" || e.Actor == "langson.officer")));
        Assert.True(refusals >= 3, $"only {refusals} refusals audited");
    }

    [Fact]
    public async Task The_inbox_moves_a_notification_from_awaiting_to_acknowledged_and_from_unread_to_read()
    {
        var liaison = await app.SignInAsync("langson.liaison");
        var sent = await liaison.NotifyAsync(Unique("Tả tại Cao Lộc"), disease: "cholera");
        var guangxi = await app.SignInAsync("guangxi.officer");

        Assert.True(await InBoxAsync(guangxi, "Awaiting", sent.Id));
        Assert.True(await InBoxAsync(guangxi, "Unread", sent.Id));
        Assert.True(await InBoxAsync(liaison, "Unacknowledged", sent.Id));
        Assert.True(await InBoxAsync(guangxi, "All", sent.Id, "&disease=cholera&partner=VN-09"));
        Assert.False(await InBoxAsync(guangxi, "All", sent.Id, "&disease=plague"));

        Assert.Equal(HttpStatusCode.OK, (await guangxi.GetAsync($"/notifications/{sent.Id}")).StatusCode);
        Assert.False(await InBoxAsync(guangxi, "Unread", sent.Id));
        Assert.Equal(HttpStatusCode.Created, (await guangxi.AcknowledgeAsync(sent.Id)).StatusCode);
        Assert.False(await InBoxAsync(guangxi, "Awaiting", sent.Id));
        Assert.False(await InBoxAsync(liaison, "Unacknowledged", sent.Id));
    }

    [Fact]
    public async Task An_update_keeps_the_previous_revision_readable_and_the_partner_answers_in_its_own_records()
    {
        var liaison = await app.SignInAsync("langson.liaison");
        var sent = await liaison.NotifyAsync(Unique("Sởi tại Văn Lãng"), disease: "measles");
        var update = await liaison.PutAsync($"{NotificationApiClient.Path}/{sent.Id}", new
        {
            title = sent.Title + " — cập nhật", disease = "measles", places = new[] { "VN-09" }, language = "vi", risk = "High",
            riskRationale = "Lây lan nhanh", confirmed = 12, details = "Đã có 12 ca xác định",
        }, sent.Version);
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        var updated = await update.ReadAsync<NotificationDto>();
        Assert.Equal((NotificationStatus.Updated, 2, 12), (updated.Status, updated.Revision, updated.Confirmed));
        var previous = Assert.Single(updated.History);
        Assert.Equal((1, sent.Title, 1), (previous.Revision, previous.Title, previous.Confirmed));
        Assert.Equal(["CN-GX"], updated.Addressees);

        // The addressees cannot be swapped in an update, and an officer (not a liaison) cannot publish one.
        var swap = await liaison.PutAsync($"{NotificationApiClient.Path}/{sent.Id}", new
        {
            title = "x", disease = "measles", language = "vi", risk = "High", riskRationale = "x", addressees = new[] { "CN-YN" },
        }, updated.Version);
        Assert.Equal(HttpStatusCode.BadRequest, swap.StatusCode);
        var officer = await app.SignInAsync("langson.officer");
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PutAsync($"{NotificationApiClient.Path}/{sent.Id}", new
        {
            title = "x", disease = "measles", language = "vi", risk = "Low",
        }, updated.Version)).StatusCode);

        var guangxi = await app.SignInAsync("guangxi.officer");
        Assert.Equal(HttpStatusCode.Forbidden, (await guangxi.PutAsync($"{NotificationApiClient.Path}/{sent.Id}", new
        {
            title = "改", disease = "measles", language = "zh-Hans", risk = "Low",
        }, updated.Version)).StatusCode);
        var question = await guangxi.PostAsJsonAsync($"{NotificationApiClient.Path}/{sent.Id}/responses",
            new { kind = "InformationRequest", text = "请提供病例的旅行史", language = "zh-Hans" }, Json.Options);
        Assert.Equal(HttpStatusCode.Created, question.StatusCode);
        var answer = await question.ReadAsync<ResponseDto>();
        Assert.Equal(("CN-GX", ResponseKind.InformationRequest, 2, "VN-09"), (answer.OwnerParty, answer.Kind, answer.Revision, string.Join(',', answer.Audience)));

        var thread = await (await liaison.GetAsync($"{NotificationApiClient.Path}/{sent.Id}/responses")).ReadAsync<List<ResponseDto>>();
        Assert.Contains(thread, r => r.Id == answer.Id && r.Text == "请提供病例的旅行史");
        var page = WebUtility.HtmlDecode(await (await liaison.GetAsync($"/notifications/{sent.Id}")).Content.ReadAsStringAsync());
        Assert.Contains("请提供病例的旅行史", page, StringComparison.Ordinal);
        Assert.Contains(sent.Title, page, StringComparison.Ordinal); // revision 1, under earlier revisions

        var closed = await liaison.PostWithVersionAsync($"{NotificationApiClient.Path}/{sent.Id}/close", new { }, updated.Version);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        var afterClose = await liaison.PutAsync($"{NotificationApiClient.Path}/{sent.Id}", new { title = "x", disease = "measles", language = "vi", risk = "Low" },
            (await closed.ReadAsync<NotificationDto>()).Version);
        Assert.Equal(HttpStatusCode.BadRequest, afterClose.StatusCode);
    }

    [Fact]
    public async Task The_pages_draft_send_publish_an_update_and_answer_without_JavaScript()
    {
        var liaison = await app.SignInAsync("langson.liaison", "en");
        var title = Unique("Tả tại Tràng Định");
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Form.Title", title), new("Form.Disease", "cholera"), new("Form.Places", "Lang Son"), new("Form.Language", "vi"),
            new("Form.Suspected", "4"), new("Form.Risk", "Moderate"), new("Form.Details", "Bốn ca nghi ngờ"), new("Form.Version", "0"),
            new("addressees", "CN-GX"), new("gatePairs", "HUUNGHI-YOUYIGUAN"),
        };
        // The form does not choose the risk for the writer: nothing is selected until they do, and a draft without it comes back.
        var empty = WebUtility.HtmlDecode(await liaison.GetStringAsync("/notifications/new"));
        Assert.Matches("<option value(=\"\")? selected[^>]*>— choose the risk level —</option>", empty);
        Assert.DoesNotMatch("<option value=\"Low\" selected", empty);
        var withoutRisk = await Forms.PostAsync(liaison, "/notifications/new", "/notifications/new", "notification",
            fields.Where(f => f.Key != "Form.Risk").Append(new("Form.Risk", "")));
        Assert.Equal(HttpStatusCode.BadRequest, withoutRisk.StatusCode);
        Assert.Contains("Choose the risk level: it is never assumed.", WebUtility.HtmlDecode(await withoutRisk.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var drafted = await Forms.PostAsync(liaison, "/notifications/new", "/notifications/new", "notification", fields);
        Assert.Equal(HttpStatusCode.Redirect, drafted.StatusCode);
        var page = drafted.Headers.Location!.AbsolutePath;
        var id = Guid.Parse(page.Split('/')[^1]);
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(liaison, page, page, "send", [new("Version", "1")])).StatusCode);
        fields[0] = new("Form.Title", title + " (2)");
        fields[4] = new("Form.Suspected", "9");
        fields[7] = new("Form.Version", "2");
        var updated = await Forms.PostAsync(liaison, $"{page}/edit", $"{page}/edit", "notification", fields);
        Assert.Equal(HttpStatusCode.Redirect, updated.StatusCode);

        var guangxi = await app.SignInAsync("guangxi.officer", "zh-Hans");
        // An answer without its text is refused: said beside the field and once above the actions, in the reader's language.
        var unanswered = await Forms.PostAsync(guangxi, page, page, "respond",
            [new("Response.Kind", "MeasuresTaken"), new("Response.Text", ""), new("Response.Language", "zh-Hans")]);
        Assert.Equal(HttpStatusCode.BadRequest, unanswered.StatusCode);
        Assert.Matches("data-testid=\"action-error\">[^<a-zA-Z]+</p>", await unanswered.Content.ReadAsStringAsync());
        Assert.DoesNotContain("data-testid=\"action-error\"", await guangxi.GetStringAsync(page), StringComparison.Ordinal);
        var answered = await Forms.PostAsync(guangxi, page, page, "respond",
            [new("Response.Kind", "MeasuresTaken"), new("Response.Text", "已加强友谊关口岸的卫生检疫"), new("Response.Language", "zh-Hans")]);
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(guangxi, page, page, "acknowledge", [])).StatusCode);

        var n = await liaison.GetNotificationAsync(id);
        Assert.Equal((NotificationStatus.Updated, 2, 9, title + " (2)"), (n.Status, n.Revision, n.Suspected, n.Title));
        Assert.Equal((title, 4), (Assert.Single(n.History).Title, n.History[0].Suspected));
        Assert.Equal("VN-09 / HUUNGHI-YOUYIGUAN / CN-GX", $"{string.Join(',', n.Places)} / {string.Join(',', n.GatePairs)} / {string.Join(',', n.Addressees)}");
        Assert.Equal("acknowledged", Assert.Single(n.Acknowledgements).State);
        var thread = await (await liaison.GetAsync($"{NotificationApiClient.Path}/{id}/responses")).ReadAsync<List<ResponseDto>>();
        Assert.Equal([ResponseKind.MeasuresTaken, ResponseKind.Acknowledgement], thread.Select(r => r.Kind));
    }

    [Fact]
    public async Task A_translation_alone_is_a_new_version_that_the_addressee_reads_beside_the_original()
    {
        var liaison = await app.SignInAsync("langson.liaison");
        var sent = await liaison.NotifyAsync(Unique("Bạch hầu tại Lộc Bình"), disease: "diphtheria");
        var translated = await liaison.PutAsync($"{NotificationApiClient.Path}/{sent.Id}/translations/zh-Hans",
            new { title = "禄平县白喉疫情", details = "已发现病例" }, sent.Version);
        Assert.Equal(HttpStatusCode.OK, translated.StatusCode);
        var after = await translated.ReadAsync<NotificationDto>();
        Assert.Equal((sent.Version + 1, "禄平县白喉疫情"), (after.Version, Assert.Single(after.Translations).Title));
        Assert.Equal(1, await app.WithSystemDbAsync(db => db.AuditEntries.CountAsync(e => e.RecordId == sent.Id && e.Action == "update")));

        var guangxi = await app.SignInAsync("guangxi.officer", "zh-Hans");
        var page = await (await guangxi.GetAsync($"/notifications/{sent.Id}")).Content.ReadAsStringAsync();
        Assert.Contains("禄平县白喉疫情", page, StringComparison.Ordinal);
        Assert.Contains(sent.Title, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_PDF_attached_to_a_draft_goes_to_the_addressees_with_it_and_other_files_are_refused()
    {
        var liaison = await app.SignInAsync("langson.liaison", "en");
        var draft = await liaison.DraftNotificationAsync(Unique("Kết quả xét nghiệm"));
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
        var attached = await liaison.PostAsync($"{NotificationApiClient.Path}/{draft.Id}/attachments?name=ket-qua.pdf", Body(pdf, "application/pdf"));
        Assert.Equal(HttpStatusCode.Created, attached.StatusCode);
        var file = await attached.ReadAsync<AttachmentDto>();
        Assert.Equal(("ket-qua.pdf", "application/pdf", pdf.Length), (file.FileName, file.ContentType, file.Size));

        var script = await liaison.PostAsync($"{NotificationApiClient.Path}/{draft.Id}/attachments?name=x.pdf", Body("<script>alert(1)</script>"u8.ToArray(), "application/pdf"));
        Assert.Equal(HttpStatusCode.BadRequest, script.StatusCode);
        Assert.Contains("Only PDF files and images", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var huge = new byte[NotificationAttachment.MaxBytes + 1];
        "%PDF-"u8.CopyTo(huge);
        Assert.Equal(HttpStatusCode.BadRequest, (await liaison.PostAsync($"{NotificationApiClient.Path}/{draft.Id}/attachments?name=big.pdf", Body(huge, "application/pdf"))).StatusCode);

        var guangxi = await app.SignInAsync("guangxi.officer");
        var download = $"{NotificationApiClient.Path}/{draft.Id}/attachments/{file.Id}";
        Assert.Equal(HttpStatusCode.NotFound, (await guangxi.GetAsync(download)).StatusCode);
        await liaison.SendNotificationAsync(await liaison.GetNotificationAsync(draft.Id));
        var got = await guangxi.GetAsync(download);
        Assert.Equal(HttpStatusCode.OK, got.StatusCode);
        Assert.Equal(pdf, await got.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", got.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, (await guangxi.PostAsync($"{NotificationApiClient.Path}/{draft.Id}/attachments?name=y.pdf", Body(pdf, "application/pdf"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("yunnan.officer")).GetAsync(download)).StatusCode);
        var page = await (await guangxi.GetAsync($"/notifications/{draft.Id}")).Content.ReadAsStringAsync();
        Assert.Contains("ket-qua.pdf", page, StringComparison.Ordinal);
    }

    private static ByteArrayContent Body(byte[] bytes, string type)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(type);
        return content;
    }

    [Fact]
    public async Task Bad_content_is_refused_field_by_field_in_the_callers_language_and_nothing_is_saved()
    {
        var officer = await app.SignInAsync("langson.officer");
        var title = Unique("Sai dữ liệu");
        var response = await officer.PostAsJsonAsync(NotificationApiClient.Path, new
        {
            title, disease = "no-such-disease", places = new[] { "Atlantis-xyzzy" }, gatePairs = new[] { "NOWHERE" }, language = "vi",
            confirmed = -1, onsetDate = "2026-11-20", detectedDate = "2026-11-10", risk = "VeryHigh", addressees = new[] { "VN-09" },
        }, Json.Options);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        foreach (var field in new[] { "disease", "places", "gatePairs", "confirmed", "detectedDate", "riskRationale", "addressees" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}");
        }
        Assert.Contains("Atlantis-xyzzy", errors.GetProperty("places")[0].GetString(), StringComparison.Ordinal);

        var vietnamese = await app.SignInAsync("langson.officer", "vi");
        var again = await (await vietnamese.PostAsJsonAsync(NotificationApiClient.Path, new { title, disease = "dengue", language = "vi", confirmed = -1 }, Json.Options))
            .ReadJsonAsync();
        Assert.Equal("Một số nguyên từ 0 đến 10000000.", again.GetProperty("errors").GetProperty("confirmed")[0].GetString());
        // The risk was left out: it is asked for, not taken as Low.
        Assert.Equal("Hãy chọn mức độ nguy cơ: hệ thống không tự mặc định.", again.GetProperty("errors").GetProperty("risk")[0].GetString());
        Assert.Equal(0, await app.WithSystemDbAsync(db => db.EventNotifications.CountAsync(n => n.Title == title)));
    }

    [Fact]
    public async Task A_restricted_to_reference_api_token_cannot_read_notifications_but_a_notifications_token_can()
    {
        var liaison = await app.SignInAsync("langson.liaison");
        var sent = await liaison.NotifyAsync(Unique("Token"));
        var admin = await app.SignInAsync("guangxi.admin");
        var agency = (await (await admin.GetAsync("/api/v1/agencies?party=CN-GX")).ReadJsonAsync()).EnumerateArray().First(a => a.GetProperty("functionCode").GetString() == "health");
        async Task<HttpClient> TokenClientAsync(string scope)
        {
            var issued = await admin.PostAsJsonAsync("/api/v1/api-tokens", new
            {
                name = "surveillance " + scope, agencyId = agency.GetProperty("id").GetGuid(), role = "officer", scopes = new[] { scope }, expiresInDays = 30,
            }, Json.Options);
            Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
            var client = app.Anonymous();
            client.DefaultRequestHeaders.Authorization = new("Bearer", (await issued.ReadJsonAsync()).GetProperty("secret").GetString());
            return client;
        }
        var reference = await TokenClientAsync("reference");
        var notifications = await TokenClientAsync("notifications");
        Assert.Equal(HttpStatusCode.Forbidden, (await reference.GetAsync($"{NotificationApiClient.Path}/{sent.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await notifications.GetAsync($"{NotificationApiClient.Path}/{sent.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await notifications.AcknowledgeAsync(sent.Id)).StatusCode);
    }

    private static async Task<bool> InBoxAsync(HttpClient client, string box, Guid id, string filters = "")
    {
        var response = await client.GetAsync($"{NotificationApiClient.Path}?box={box}&pageSize=500{filters}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("items").EnumerateArray().Any(n => n.GetProperty("id").GetGuid() == id);
    }
}
