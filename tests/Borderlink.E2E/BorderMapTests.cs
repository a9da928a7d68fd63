using Microsoft.Playwright;

namespace Borderlink.E2E;

/// <summary>A Lang Son officer closes Huu Nghi to people through the gate page; the border map shows it closed in Vietnamese and in Chinese.</summary>
public sealed class BorderMapTests(SharedBrowserApp app)
{
    private readonly BrowserApp _app = app;

    [Fact]
    public async Task A_closed_gate_shows_as_closed_on_the_map_in_Vietnamese_and_in_Chinese()
    {
        var langSon = await _app.NewPageAsync("vi-VN");
        await BrowserApp.SignInAsync(langSon, "langson.officer");
        await langSon.GotoAsync("/gates/HUUNGHI-YOUYIGUAN");
        await langSon.SelectOptionAsync("[data-testid=change-flow]", "People");
        await langSon.SelectOptionAsync("[data-testid=change-state]", "Closed");
        await langSon.FillAsync("[data-testid=change-reason]", "Dịch hạch thể phổi tại Đồng Đăng");
        await langSon.ClickAsync("[data-testid=change-save]");
        await Assertions.Expect(langSon.GetByTestId("now-VN-09")).ToContainTextAsync("Đóng");

        await langSon.GotoAsync("/gates/map");
        var vnSide = langSon.GetByTestId("map-HUUNGHI-YOUYIGUAN-VN-09");
        await Assertions.Expect(vnSide).ToHaveAttributeAsync("data-state", "Closed");
        await Assertions.Expect(vnSide).ToContainTextAsync("Đóng");
        await Assertions.Expect(langSon.GetByTestId("map-MONGCAI-DONGXING-VN-13")).ToHaveAttributeAsync("data-state", "Unknown");
        await BrowserApp.ScreenshotAsync(langSon, "20-border-map-vi");

        var guangxi = await _app.NewPageAsync("zh-CN");
        await BrowserApp.SignInAsync(guangxi, "guangxi.viewer");
        await guangxi.GotoAsync("/gates/map");
        var seenFromChina = guangxi.GetByTestId("map-HUUNGHI-YOUYIGUAN-VN-09");
        await Assertions.Expect(seenFromChina).ToHaveAttributeAsync("data-state", "Closed");
        await Assertions.Expect(seenFromChina).ToContainTextAsync("关闭");
        await Assertions.Expect(guangxi.Locator("h1")).ToHaveTextAsync("边境示意图");
        await BrowserApp.ScreenshotAsync(guangxi, "21-border-map-zh");
    }
}
