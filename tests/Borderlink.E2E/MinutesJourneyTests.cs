using System.Text.Json;
using Microsoft.Playwright;

namespace Borderlink.E2E;

/// <summary>
/// Lang Son's liaison writes bilingual minutes of talks with Guangxi in the browser, both liaisons sign, the minutes lock,
/// and the printed sheet shows Vietnamese and Chinese side by side.
/// </summary>
public sealed class MinutesJourneyTests(SharedBrowserApp app)
{
    private readonly BrowserApp _app = app;

    [Fact]
    public async Task Minutes_are_written_signed_by_both_sides_locked_and_printed_in_both_languages()
    {
        var langSon = await _app.NewPageAsync("vi-VN");
        await BrowserApp.SignInAsync(langSon, "langson.liaison");
        var created = await langSon.APIRequest.PostAsync("/api/v1/meetings", new APIRequestContextOptions
        {
            DataObject = new
            {
                title = "Hội đàm về phòng chống dịch", kind = "Talks", localStart = "2026-11-20T09:00:00", localEnd = "2026-11-20T11:00:00",
                timeZone = "Asia/Ho_Chi_Minh", online = false, location = "Cửa khẩu Hữu Nghị", agenda = "", language = "vi", invite = new[] { "CN-GX" },
                participants = new[] { new { party = "VN-09", agency = "Sở Ngoại vụ", people = "" }, new { party = "CN-GX", agency = "外事办", people = "" } },
            },
        });
        Assert.Equal(201, created.Status);
        var meetingId = JsonDocument.Parse(await created.TextAsync()).RootElement.GetProperty("id").GetString();

        await langSon.GotoAsync($"/meetings/{meetingId}");
        await langSon.ClickAsync("[data-testid=write-minutes]");
        await langSon.SelectOptionAsync("[data-testid=minutes-language-a]", "vi");
        await langSon.SelectOptionAsync("[data-testid=minutes-language-b]", "zh-Hans");
        await langSon.FillAsync("[data-testid=minutes-title-a]", "Biên bản hội đàm");
        await langSon.FillAsync("[data-testid=minutes-title-b]", "会谈纪要");
        await langSon.FillAsync("[data-testid=minutes-text-a]",
            "Hai bên thông báo cho nhau tình hình dịch bệnh hằng tuần.\n\nƯu tiên thông quan nông sản và thủy sản tại cửa khẩu Hữu Nghị.");
        await langSon.FillAsync("[data-testid=minutes-text-b]", "双方每周相互通报疫情。\n\n友谊关口岸优先通关农产品和水产品。");
        await langSon.ClickAsync("[data-testid=minutes-save]");
        await Assertions.Expect(langSon.GetByTestId("minutes-text").Locator("tbody tr")).ToHaveCountAsync(2);
        var minutesUrl = langSon.Url;

        var guangxi = await _app.NewPageAsync("zh-CN");
        await BrowserApp.SignInAsync(guangxi, "guangxi.liaison");
        await guangxi.GotoAsync(minutesUrl);
        await Assertions.Expect(guangxi.GetByTestId("minutes-text")).ToContainTextAsync("友谊关口岸优先通关农产品和水产品。");
        await guangxi.FillAsync("[data-testid=sign-name]", "李明");
        await guangxi.FillAsync("[data-testid=sign-title]", "广西壮族自治区外事办公室副主任");
        await guangxi.ClickAsync("[data-testid=sign-submit]");
        await Assertions.Expect(guangxi.GetByTestId("signatures-CN-GX")).ToContainTextAsync("李明");
        await Assertions.Expect(guangxi.GetByTestId("minutes-state")).ToContainTextAsync("等待");

        await langSon.ReloadAsync();
        await langSon.FillAsync("[data-testid=sign-name]", "Nguyễn Văn An");
        await langSon.FillAsync("[data-testid=sign-title]", "Giám đốc Sở Ngoại vụ tỉnh Lạng Sơn");
        await langSon.ClickAsync("[data-testid=sign-submit]");
        await Assertions.Expect(langSon.GetByTestId("minutes-state")).ToContainTextAsync("khóa");
        await Assertions.Expect(langSon.GetByTestId("sign-submit")).ToHaveCountAsync(0);
        await Assertions.Expect(langSon.GetByTestId("minutes-edit")).ToHaveTextAsync("Sửa đổi biên bản");

        await langSon.ClickAsync("[data-testid=minutes-print]");
        await langSon.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        var sheet = langSon.GetByTestId("minutes-sheet");
        await Assertions.Expect(langSon.GetByTestId("print-title-a")).ToHaveTextAsync("Biên bản hội đàm");
        await Assertions.Expect(langSon.GetByTestId("print-title-b")).ToHaveTextAsync("会谈纪要");
        await Assertions.Expect(sheet.Locator("td[lang=vi]").Nth(1)).ToHaveTextAsync("Ưu tiên thông quan nông sản và thủy sản tại cửa khẩu Hữu Nghị.");
        await Assertions.Expect(sheet.Locator("td[lang=zh-Hans]").Nth(1)).ToHaveTextAsync("友谊关口岸优先通关农产品和水产品。");
        await Assertions.Expect(langSon.GetByTestId("print-signatures-CN-GX")).ToContainTextAsync("李明");
        await Assertions.Expect(langSon.GetByTestId("print-signatures-VN-09")).ToContainTextAsync("Nguyễn Văn An");
        await Assertions.Expect(langSon.GetByTestId("print-draft")).ToHaveCountAsync(0);
        await Assertions.Expect(langSon.Locator(".no-print")).ToBeHiddenAsync();

        // The two columns sit side by side on the sheet: the Chinese paragraph starts to the right of the Vietnamese one, on the same line.
        var vi = (await sheet.Locator("td[lang=vi]").First.BoundingBoxAsync())!;
        var zh = (await sheet.Locator("td[lang=zh-Hans]").First.BoundingBoxAsync())!;
        Assert.True(zh.X >= vi.X + vi.Width - 1 && Math.Abs(zh.Y - vi.Y) < 1, $"columns not side by side: vi {vi.X},{vi.Y} zh {zh.X},{zh.Y}");
        // The Chinese column is set in a CJK face installed on the machine, not a fallback box.
        var family = await sheet.Locator("td[lang=zh-Hans]").First.EvaluateAsync<string>("e => getComputedStyle(e).fontFamily");
        Assert.Contains("Noto Serif CJK SC", family, StringComparison.Ordinal);
        await BrowserApp.ScreenshotAsync(langSon, "30-minutes-print");
        var pdf = await langSon.PdfAsync(new PagePdfOptions { Path = Path.Combine(BrowserApp.Artifacts, "30-minutes-print.pdf"), Format = "A4" });
        Assert.True(pdf.Length > 10_000, $"the printed PDF has only {pdf.Length} bytes");
    }
}
