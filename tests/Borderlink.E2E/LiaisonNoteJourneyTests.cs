using Microsoft.Playwright;

namespace Borderlink.E2E;

/// <summary>
/// A Lang Son coordinator (foreign affairs) signs in, reads the dashboard in Vietnamese and Chinese, writes a note shared with
/// Guangxi; a Guangxi user sees it and answers under it, Lang Son finds the answer through its alerts; a Cao Bang user sees nothing. Screenshots are kept as test artifacts.
/// </summary>
public sealed class LiaisonNoteJourneyTests(SharedBrowserApp app)
{
    private readonly BrowserApp _app = app;

    [Fact]
    public async Task A_note_written_in_Lang_Son_reaches_Guangxi_and_not_Cao_Bang()
    {
        var title = "Cảnh báo dịch hạch tại Đồng Đăng " + Guid.NewGuid().ToString("N")[..6];

        var langSon = await _app.NewPageAsync("en-US");
        // The coordinator, not the liaison: this journey switches languages, which a user's next sign-in remembers, and
        // the other journeys sign in as the liaison in the same app at the same time.
        await BrowserApp.SignInAsync(langSon, "langson.coordinator");

        await langSon.ClickAsync("[data-testid=lang-vi]");
        await Assertions.Expect(langSon.GetByTestId("home-title")).ToHaveTextAsync("Tổng quan biên giới");
        await BrowserApp.ScreenshotAsync(langSon, "01-dashboard-vi");

        await langSon.ClickAsync("[data-testid=lang-zh-Hans]");
        await Assertions.Expect(langSon.GetByTestId("home-title")).ToHaveTextAsync("边境概览");
        await Assertions.Expect(langSon.GetByTestId("home-party")).ToContainTextAsync("谅山省");
        await BrowserApp.ScreenshotAsync(langSon, "02-dashboard-zh");

        await langSon.ClickAsync("[data-testid=lang-vi]");
        await langSon.GotoAsync("/notes/new");
        await langSon.FillAsync("[data-testid=note-title-input]", title);
        await langSon.FillAsync("[data-testid=note-body-input]", "Phát hiện chuột chết gần cửa khẩu. Đề nghị phía Trung Quốc tăng cường giám sát.");
        await langSon.SelectOptionAsync("#language", "vi");
        await langSon.CheckAsync("[data-testid=visibility-Partners]");
        await langSon.CheckAsync("[data-testid=audience-CN-GX]");
        await langSon.ClickAsync("[data-testid=note-save]");
        await Assertions.Expect(langSon.GetByTestId("note-title")).ToHaveTextAsync(title);
        await BrowserApp.ScreenshotAsync(langSon, "03-note-written-vi");
        var noteUrl = langSon.Url;

        var guangxi = await _app.NewPageAsync("zh-CN");
        await BrowserApp.SignInAsync(guangxi, "guangxi.officer");
        await guangxi.GotoAsync("/notes");
        await Assertions.Expect(guangxi.GetByTestId("notes-table")).ToContainTextAsync(title);
        await guangxi.GetByText(title).ClickAsync();
        await Assertions.Expect(guangxi.GetByTestId("note-body")).ToContainTextAsync("chuột chết");
        await BrowserApp.ScreenshotAsync(guangxi, "04-note-seen-in-guangxi");

        // Guangxi answers under the note; Lang Son finds the answer through its alert centre and reads it in the thread.
        var answer = "已加强口岸鼠类监测 " + title[^6..];
        await guangxi.FillAsync("[data-testid=reply-text]", answer);
        await guangxi.SelectOptionAsync("[data-testid=reply-language]", "zh-Hans");
        await guangxi.ClickAsync("[data-testid=reply-submit]");
        await Assertions.Expect(guangxi.GetByTestId("replies")).ToContainTextAsync(answer);
        await langSon.GotoAsync("/alerts?unread=true");
        await Assertions.Expect(langSon.GetByTestId("alert-badge")).ToContainTextAsync("Cảnh báo");
        await langSon.GetByText(answer).ClickAsync();
        await Assertions.Expect(langSon.GetByTestId("note-title")).ToHaveTextAsync(title);
        await Assertions.Expect(langSon.GetByTestId("replies")).ToContainTextAsync(answer);
        await BrowserApp.ScreenshotAsync(langSon, "04b-answer-seen-in-lang-son");

        var caoBang = await _app.NewPageAsync("vi-VN");
        await BrowserApp.SignInAsync(caoBang, "caobang.officer");
        await caoBang.GotoAsync("/notes");
        await Assertions.Expect(caoBang.Locator("main")).Not.ToContainTextAsync(title);
        var direct = await caoBang.GotoAsync(noteUrl);
        Assert.Equal(404, direct!.Status);
        await Assertions.Expect(caoBang.GetByTestId("not-found")).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(caoBang, "05-not-visible-in-cao-bang");
    }

    [Fact]
    public async Task The_display_switches_work_without_JavaScript()
    {
        var page = await _app.NewPageAsync();
        await BrowserApp.SignInAsync(page, "guangxi.viewer");
        await page.ClickAsync("[data-testid=toggle-dark]");
        await Assertions.Expect(page.Locator("body")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("theme-dark"));
        await page.ClickAsync("[data-testid=toggle-large]");
        await Assertions.Expect(page.Locator("body")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("theme-dark text-large"));
        await BrowserApp.ScreenshotAsync(page, "06-dark-theme-large-text");
    }
}
