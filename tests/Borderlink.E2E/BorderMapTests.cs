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
        await AssertLabelsApartAsync(langSon, 24);
        await BrowserApp.ScreenshotAsync(langSon, "20-border-map-vi");

        var guangxi = await _app.NewPageAsync("zh-CN");
        await BrowserApp.SignInAsync(guangxi, "guangxi.viewer");
        await guangxi.GotoAsync("/gates/map");
        var seenFromChina = guangxi.GetByTestId("map-HUUNGHI-YOUYIGUAN-VN-09");
        await Assertions.Expect(seenFromChina).ToHaveAttributeAsync("data-state", "Closed");
        await Assertions.Expect(seenFromChina).ToContainTextAsync("关闭");
        await Assertions.Expect(guangxi.Locator("h1")).ToHaveTextAsync("边境地图");
        await BrowserApp.ScreenshotAsync(guangxi, "21-border-map-zh");
        await guangxi.GetByTestId("map-view-VN-09").ClickAsync();
        await Assertions.Expect(guangxi.GetByTestId("border-map")).ToHaveAttributeAsync("data-view", "VN-09");
        await Assertions.Expect(guangxi.GetByTestId("map-HUUNGHI-YOUYIGUAN-VN-09")).ToHaveAttributeAsync("data-state", "Closed");
        await AssertLabelsApartAsync(guangxi, 8);
        await BrowserApp.ScreenshotAsync(guangxi, "22-border-map-lang-son-zh");
    }

    /// <summary>
    /// The boxes the browser draws the map's names in, with the fonts it has, overlap nowhere (half a pixel of
    /// rounding aside); at least <paramref name="atLeast"/> names are measured, so an empty map cannot pass.
    /// </summary>
    private static async Task AssertLabelsApartAsync(IPage page, int atLeast)
    {
        var result = await page.EvaluateAsync<System.Text.Json.JsonElement>("""
            () => {
              const boxes = [...document.querySelectorAll('[data-testid=border-map] svg text')].map(t => {
                const b = t.getBoundingClientRect();
                return { l: b.left, t: b.top, r: b.right, b: b.bottom, text: t.textContent };
              });
              const overlaps = [];
              for (let i = 0; i < boxes.length; i++)
                for (let j = i + 1; j < boxes.length; j++) {
                  const [a, c] = [boxes[i], boxes[j]];
                  if (a.l < c.r - 0.5 && c.l < a.r - 0.5 && a.t < c.b - 0.5 && c.t < a.b - 0.5) overlaps.push(a.text + ' / ' + c.text);
                }
              return { count: boxes.length, overlaps };
            }
            """);
        var count = result.GetProperty("count").GetInt32();
        Assert.True(count >= atLeast, $"{count} names measured");
        Assert.Empty(result.GetProperty("overlaps").EnumerateArray().Select(o => o.GetString()));
    }
}
