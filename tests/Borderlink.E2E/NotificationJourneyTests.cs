using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Borderlink.E2E;

/// <summary>
/// A Lang Son liaison sends a dengue notification written in Vietnamese; a Guangxi officer reading in Chinese sees the
/// Vietnamese text and acknowledges; Lang Son sees the acknowledgement, on time, at Guangxi's moment in Hanoi time.
/// The app runs on the real clock, so the times shown are checked against the moments the test saw pass.
/// </summary>
public sealed partial class NotificationJourneyTests(SharedBrowserApp app)
{
    private readonly BrowserApp _app = app;

    [Fact]
    public async Task A_dengue_notification_from_Lang_Son_is_acknowledged_by_Guangxi_in_Chinese()
    {
        var title = "Sốt xuất huyết Dengue tại Cao Lộc " + Guid.NewGuid().ToString("N")[..6];

        var langSon = await _app.NewPageAsync("vi-VN");
        await BrowserApp.SignInAsync(langSon, "langson.liaison");
        await langSon.GotoAsync("/notifications/new");
        await langSon.FillAsync("[data-testid=n-title]", title);
        await langSon.SelectOptionAsync("[data-testid=n-disease]", "dengue");
        await langSon.FillAsync("[data-testid=n-places]", "Lạng Sơn; Đồng Đăng");
        await langSon.FillAsync("[data-testid=n-suspected]", "14");
        await langSon.FillAsync("[data-testid=n-confirmed]", "5");
        await langSon.SelectOptionAsync("[data-testid=n-risk]", "High");
        await langSon.FillAsync("[data-testid=n-rationale]", "Mật độ muỗi cao sau mưa lớn");
        await langSon.FillAsync("[data-testid=n-details]", "Ghi nhận 5 ca xác định tại xã Đồng Đăng, có 2 ca làm việc tại chợ biên giới.");
        await langSon.FillAsync("[data-testid=n-measures]", "Phun hóa chất diệt muỗi, giám sát ca bệnh.");
        await langSon.CheckAsync("[data-testid=addressee-CN-GX]");
        await langSon.ClickAsync("[data-testid=n-save]");
        await Assertions.Expect(langSon.GetByTestId("notification-status")).ToHaveTextAsync("Bản nháp");
        var beforeSend = Minute(DateTimeOffset.UtcNow);
        await langSon.ClickAsync("[data-testid=send-notification]");
        await Assertions.Expect(langSon.GetByTestId("notification-status")).ToHaveTextAsync("Đã gửi");
        var afterSend = Minute(DateTimeOffset.UtcNow);
        // Dengue's acknowledgement clock runs 24 hours from sending, shown in Hanoi time to Lang Son.
        var due = await ShownAtAsync(langSon.GetByTestId("due"), "giờ Hà Nội", 7);
        Assert.InRange(due, beforeSend.AddHours(24), afterSend.AddHours(24));
        await BrowserApp.ScreenshotAsync(langSon, "10-notification-sent-vi");
        var url = langSon.Url;

        var guangxi = await _app.NewPageAsync("zh-CN");
        await BrowserApp.SignInAsync(guangxi, "guangxi.officer");
        await Assertions.Expect(guangxi.GetByTestId("inbox-count")).ToHaveTextAsync("1");
        await guangxi.ClickAsync("[data-testid=inbox-badge]");
        await Assertions.Expect(guangxi.GetByTestId("notifications-table")).ToContainTextAsync(title);
        await Assertions.Expect(guangxi.GetByTestId("notifications-table")).ToContainTextAsync("登革热");
        await guangxi.GetByText(title).ClickAsync();
        await Assertions.Expect(guangxi.GetByTestId("notification-status")).ToHaveTextAsync("已发送");
        await Assertions.Expect(guangxi.GetByTestId("text-original")).ToContainTextAsync("chợ biên giới");
        // The same moment, in Beijing time for Guangxi.
        Assert.Equal(due, await ShownAtAsync(guangxi.GetByTestId("due"), "北京时间", 8));
        var beforeAck = Minute(DateTimeOffset.UtcNow);
        await guangxi.ClickAsync("[data-testid=acknowledge]");
        await Assertions.Expect(guangxi.GetByTestId("ack-CN-GX")).ToContainTextAsync("已按时确认");
        var acknowledged = await ShownAtAsync(guangxi.GetByTestId("ack-CN-GX"), "北京时间", 8);
        Assert.InRange(acknowledged, beforeAck, Minute(DateTimeOffset.UtcNow));
        await Assertions.Expect(guangxi.Locator("[data-testid=inbox-count]")).ToHaveCountAsync(0);
        await BrowserApp.ScreenshotAsync(guangxi, "11-notification-acknowledged-zh");

        await langSon.GotoAsync(url);
        await Assertions.Expect(langSon.GetByTestId("ack-CN-GX")).ToContainTextAsync("Đã xác nhận đúng hạn");
        Assert.Equal(acknowledged, await ShownAtAsync(langSon.GetByTestId("ack-CN-GX"), "giờ Hà Nội", 7));
        await BrowserApp.ScreenshotAsync(langSon, "12-acknowledgement-seen-in-lang-son");
    }

    private static DateTimeOffset Minute(DateTimeOffset t) => new(t.Year, t.Month, t.Day, t.Hour, t.Minute, 0, TimeSpan.Zero);

    /// <summary>The moment an element shows as "yyyy-MM-dd HH:mm (zone name, UTC+n)", the zone named in the page's language, read at that offset.</summary>
    private static async Task<DateTimeOffset> ShownAtAsync(ILocator element, string zone, int offsetHours)
    {
        await Assertions.Expect(element).ToContainTextAsync($"({zone}");
        var text = await element.InnerTextAsync();
        var match = ShownTime().Match(text[..text.IndexOf($"({zone}", StringComparison.Ordinal)]);
        Assert.True(match.Success, $"no time before ({zone} in: {text}");
        var local = DateTime.ParseExact(match.Groups[1].Value, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return new DateTimeOffset(local, TimeSpan.FromHours(offsetHours)).ToUniversalTime();
    }

    [GeneratedRegex(@"(\d{4}-\d{2}-\d{2} \d{2}:\d{2})\s*$")]
    private static partial Regex ShownTime();
}
