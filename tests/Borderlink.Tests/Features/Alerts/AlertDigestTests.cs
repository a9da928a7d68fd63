using System.Net;
using System.Net.Http.Json;
using Borderlink.Features.Accounts;
using Borderlink.Features.Alerts;
using Borderlink.Tests.Features.Notes;
using Borderlink.Tests.Infrastructure;

namespace Borderlink.Tests.Features.Alerts;

/// <summary>
/// The optional daily e-mail digest of unread alerts (issue 19 item 3): a user who turns it on gets, once a day from 07:00
/// in their own zone, one e-mail in their language listing what they have not read; nothing unread, no e-mail. Its own
/// app and SMTP sink; the clock starts at 2026-11-22 16:30 UTC (00:30 on the 23rd in Nanning).
/// </summary>
public sealed class AlertDigestTests : MailAppTest
{
    private Task<int> DigestAsync() => App.WithServiceAsync<SendAlertDigests, int>(d => d.RunAsync());

    [Fact]
    public async Task A_user_who_asked_gets_one_digest_a_day_in_their_language_of_what_they_have_not_read()
    {
        // The officer turns it on on the account page, the viewer through the API; the liaison leaves it off.
        var officer = await App.SignInAsync("guangxi.officer", "zh-Hans");
        var saved = await Forms.PostAsync(officer, "/account", "/account", "digest", [new("Digest", "true")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.True((await (await officer.GetAsync("/api/v1/me/alert-digest")).ReadAsync<AlertDigestDto>()).Enabled);
        var viewer = await App.SignInAsync("guangxi.viewer", "zh-Hans");
        Assert.True((await (await viewer.PutAsJsonAsync("/api/v1/me/alert-digest", new { enabled = true }, Json.Options)).ReadAsync<AlertDigestDto>()).Enabled);

        var langSon = await App.SignInAsync("langson.liaison", "vi");
        await langSon.CreateNoteAsync("Giám sát chuột tại Hữu Nghị", "Partners", ["CN-GX"]);
        await langSon.CreateNoteAsync("Lịch giao ban tháng 12", "Partners", ["CN-GX"]);
        // The viewer reads everything; the officer reads nothing.
        Assert.Equal(HttpStatusCode.OK, (await viewer.PostAsync("/api/v1/alerts/read-all", null)).StatusCode);

        // 00:30 in Nanning: not yet.
        Assert.Equal(0, await DigestAsync());
        Assert.Empty(Mail.Messages);

        // 07:30 in Nanning: one e-mail, to the officer only, in Chinese, listing both notes and linking to the alert centre.
        App.Clock.Advance(TimeSpan.FromHours(7));
        Assert.Equal(1, await DigestAsync());
        var mail = Assert.Single(Mail.Messages);
        Assert.Equal("guangxi.officer@demo.borderlink.invalid", mail.To.Mailboxes.Single().Address);
        Assert.Equal("Borderlink：2 条未读提醒", mail.Subject);
        var body = mail.TextBody ?? "";
        Assert.Contains("- Giám sát chuột tại Hữu Nghị: 谅山省共享的联络函 · ", body, StringComparison.Ordinal);
        Assert.Contains("- Lịch giao ban tháng 12: 谅山省共享的联络函 · ", body, StringComparison.Ordinal);
        Assert.Contains("(北京时间, UTC+8)", body, StringComparison.Ordinal);
        Assert.Contains("https://borderlink.example/alerts?unread=true", body, StringComparison.Ordinal);

        // Once a day: a second pass the same morning sends nothing; the next morning, nothing new means no e-mail.
        Assert.Equal(0, await DigestAsync());
        App.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await DigestAsync());
        Assert.Single(Mail.Messages);
    }
}
