using Microsoft.Playwright;

namespace Borderlink.E2E;

/// <summary>
/// A Lang Son liaison sends a dengue notification written in Vietnamese; a Guangxi officer reading in Chinese sees the
/// Vietnamese text and acknowledges; Lang Son sees the acknowledgement, on time, at Guangxi's moment in Hanoi time.
/// </summary>
public sealed class NotificationJourneyTests : IAsyncLifetime
{
    private readonly BrowserApp _app = new();

    public ValueTask InitializeAsync() => _app.InitializeAsync();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

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
        await langSon.ClickAsync("[data-testid=send-notification]");
        await Assertions.Expect(langSon.GetByTestId("notification-status")).ToHaveTextAsync("Đã gửi");
        await Assertions.Expect(langSon.GetByTestId("due")).ToContainTextAsync("2026-11-23 23:30 (Asia/Ho_Chi_Minh");
        await BrowserApp.ScreenshotAsync(langSon, "10-notification-sent-vi");
        var url = langSon.Url;

        _app.Clock.Advance(TimeSpan.FromMinutes(45));
        var guangxi = await _app.NewPageAsync("zh-CN");
        await BrowserApp.SignInAsync(guangxi, "guangxi.officer");
        await Assertions.Expect(guangxi.GetByTestId("inbox-count")).ToHaveTextAsync("1");
        await guangxi.ClickAsync("[data-testid=inbox-badge]");
        await Assertions.Expect(guangxi.GetByTestId("notifications-table")).ToContainTextAsync(title);
        await Assertions.Expect(guangxi.GetByTestId("notifications-table")).ToContainTextAsync("登革热");
        await guangxi.GetByText(title).ClickAsync();
        await Assertions.Expect(guangxi.GetByTestId("notification-status")).ToHaveTextAsync("已发送");
        await Assertions.Expect(guangxi.GetByTestId("text-original")).ToContainTextAsync("chợ biên giới");
        await Assertions.Expect(guangxi.GetByTestId("due")).ToContainTextAsync("2026-11-24 00:30 (Asia/Shanghai");
        await guangxi.ClickAsync("[data-testid=acknowledge]");
        await Assertions.Expect(guangxi.GetByTestId("ack-CN-GX")).ToContainTextAsync("已按时确认");
        await Assertions.Expect(guangxi.GetByTestId("ack-CN-GX")).ToContainTextAsync("2026-11-23 01:15 (Asia/Shanghai");
        await Assertions.Expect(guangxi.Locator("[data-testid=inbox-count]")).ToHaveCountAsync(0);
        await BrowserApp.ScreenshotAsync(guangxi, "11-notification-acknowledged-zh");

        await langSon.GotoAsync(url);
        await Assertions.Expect(langSon.GetByTestId("ack-CN-GX")).ToContainTextAsync("Đã xác nhận đúng hạn");
        await Assertions.Expect(langSon.GetByTestId("ack-CN-GX")).ToContainTextAsync("2026-11-23 00:15 (Asia/Ho_Chi_Minh");
        await BrowserApp.ScreenshotAsync(langSon, "12-acknowledgement-seen-in-lang-son");
    }
}
