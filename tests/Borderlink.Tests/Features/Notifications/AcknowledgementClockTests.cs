using System.Net;
using Borderlink.Features.Alerts;
using Borderlink.Features.Notifications;
using Borderlink.Tests.Infrastructure;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Tests.Features.Notifications;

/// <summary>
/// The legal acknowledgement clock, on a clock of its own: deadlines from the disease, computed in UTC and shown in each
/// reader's zone; escalation exactly once, to both sides, in the app and by e-mail; late acknowledgements recorded as late.
/// The app starts at 2026-11-22 16:30 UTC, which is 23:30 in Hanoi.
/// </summary>
public sealed class AcknowledgementClockTests : MailAppTest
{
    private Task<int> EscalateAsync() => App.WithServiceAsync<EscalateOverdue, int>(e => e.RunAsync());

    [Fact]
    public async Task A_plague_notification_sent_at_2330_in_Lang_Son_is_due_two_hours_later_in_each_readers_zone()
    {
        var langSon = await App.SignInAsync("langson.liaison", "en");
        var sent = await langSon.NotifyAsync("Dịch hạch thể phổi tại Đồng Đăng", disease: "plague");

        Assert.Equal(BorderlinkApp.Start, sent.SentAt);
        Assert.Equal(2, sent.AcknowledgementHours);
        Assert.Equal(BorderlinkApp.Start.AddHours(2), sent.AcknowledgeBy);
        Assert.Equal([("CN-GX", "awaiting", (int?)120)], sent.Acknowledgements.Select(a => (a.Party, a.State, a.MinutesLeft)));

        var guangxi = await App.SignInAsync("guangxi.officer", "en");
        var theirPage = WebUtility.HtmlDecode(await (await guangxi.GetAsync($"/notifications/{sent.Id}")).Content.ReadAsStringAsync());
        var ourPage = WebUtility.HtmlDecode(await (await langSon.GetAsync($"/notifications/{sent.Id}")).Content.ReadAsStringAsync());
        Assert.Contains("2026-11-23 02:30 (Beijing time, UTC+8)", theirPage, StringComparison.Ordinal);
        Assert.Contains("2026-11-23 01:30 (Hanoi time, UTC+7)", ourPage, StringComparison.Ordinal);
        Assert.Contains("2 h 0 min left", ourPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_covid_notification_gets_24_hours_and_an_acknowledgement_within_them_is_on_time()
    {
        var langSon = await App.SignInAsync("langson.liaison");
        var sent = await langSon.NotifyAsync("COVID-19 tại cửa khẩu Hữu Nghị", disease: "covid-19");
        Assert.Equal(BorderlinkApp.Start.AddHours(24), sent.AcknowledgeBy);

        App.Clock.Advance(TimeSpan.FromHours(23));
        var guangxi = await App.SignInAsync("guangxi.officer");
        Assert.Equal(HttpStatusCode.Created, (await guangxi.AcknowledgeAsync(sent.Id)).StatusCode);
        App.Clock.Advance(TimeSpan.FromHours(2));

        Assert.Equal(0, await EscalateAsync());
        langSon = await App.SignInAsync("langson.liaison"); // a day later: a new session
        var ack = Assert.Single((await langSon.GetNotificationAsync(sent.Id)).Acknowledgements);
        Assert.Equal(("acknowledged", true, BorderlinkApp.Start.AddHours(23)), (ack.State, ack.OnTime, ack.AcknowledgedAt));
    }

    [Fact]
    public async Task An_overdue_acknowledgement_escalates_exactly_once_to_both_sides_and_a_late_one_is_recorded_as_late()
    {
        var langSon = await App.SignInAsync("langson.liaison", "en");
        var sent = await langSon.NotifyAsync("Dịch hạch tại Đồng Đăng", disease: "plague");

        App.Clock.Advance(TimeSpan.FromMinutes(119));
        Assert.Equal(0, await EscalateAsync());
        App.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(2, await EscalateAsync()); // the owner's side and the silent addressee's side
        Assert.Equal(0, await EscalateAsync());
        App.Clock.Advance(TimeSpan.FromHours(5));
        Assert.Equal(0, await EscalateAsync());

        var (escalations, alerts, audited) = await App.WithSystemDbAsync(async db => (
            await db.NotificationEscalations.Where(e => e.NotificationId == sent.Id).Select(e => e.ForParty).OrderBy(p => p).ToListAsync(),
            await db.Alerts.Where(a => a.RecordId == sent.Id && a.Kind == Alert.AcknowledgementOverdue).Join(db.Users, a => a.UserId, u => u.Id, (a, u) => u.UserName!).OrderBy(n => n).ToListAsync(),
            await db.AuditEntries.CountAsync(e => e.RecordId == sent.Id && e.Action == "escalated")));
        Assert.Equal(["CN-GX", "VN-09"], escalations);
        Assert.Equal(["guangxi.coordinator", "langson.coordinator"], alerts);
        Assert.Equal(2, audited);

        var mails = Mail.Messages.ToList();
        Assert.Equal(["guangxi.coordinator@demo.borderlink.invalid", "langson.coordinator@demo.borderlink.invalid"],
            mails.SelectMany(m => m.To.Mailboxes).Select(m => m.Address).Order(StringComparer.Ordinal));
        var toGuangxi = mails.Single(m => m.To.Mailboxes.Single().Address.StartsWith("guangxi", StringComparison.Ordinal));
        Assert.Contains("Dịch hạch tại Đồng Đăng", toGuangxi.Subject, StringComparison.Ordinal);
        Assert.Contains("2026-11-23 02:30 (北京时间, UTC+8)", toGuangxi.TextBody, StringComparison.Ordinal);
        Assert.Contains($"https://borderlink.example/notifications/{sent.Id}", toGuangxi.TextBody, StringComparison.Ordinal);

        var coordinator = await App.SignInAsync("guangxi.coordinator", "en");
        const string overdueAlerts = "/api/v1/alerts?unread=true&kind=ack-overdue";
        var alert = Assert.Single((await (await coordinator.GetAsync(overdueAlerts)).ReadAsync<Paged<AlertDto>>()).Items);
        var centre = WebUtility.HtmlDecode(await coordinator.GetStringAsync("/alerts?kind=ack-overdue"));
        Assert.Contains("is overdue; it was due", centre, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(coordinator, "/alerts?kind=ack-overdue", "/alerts?kind=ack-overdue", "alert-" + alert.Id, [])).StatusCode);
        Assert.Empty((await (await coordinator.GetAsync(overdueAlerts)).ReadAsync<Paged<AlertDto>>()).Items);
        var ownDashboard = await (await App.SignInAsync("langson.viewer", "en")).GetAsync("/");
        var theirDashboard = await (await App.SignInAsync("guangxi.viewer", "en")).GetAsync("/");
        Assert.Contains("Overdue", await ownDashboard.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Overdue", await theirDashboard.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var guangxi = await App.SignInAsync("guangxi.officer");
        langSon = await App.SignInAsync("langson.liaison");
        Assert.Equal(HttpStatusCode.Created, (await guangxi.AcknowledgeAsync(sent.Id)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await guangxi.AcknowledgeAsync(sent.Id)).StatusCode); // a second click answers with the first
        var ack = Assert.Single((await langSon.GetNotificationAsync(sent.Id)).Acknowledgements);
        Assert.Equal(("acknowledged-late", false), (ack.State, ack.OnTime));
        Assert.Equal(1, await App.WithSystemDbAsync(db => db.NotificationResponses.CountAsync(r => r.NotificationId == sent.Id)));
    }
}
