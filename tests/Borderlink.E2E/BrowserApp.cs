using Borderlink.Tests.Infrastructure;
using Borderlink.Tests.Sharing;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Borderlink.E2E.SharedBrowserApp))]

namespace Borderlink.E2E;

/// <summary>
/// Borderlink started the way README starts it — a real process in Production from the build output (or a published
/// one), from another working directory, on a loopback port, with no test switch of any kind — and Debian's Chromium
/// driven by Playwright (no browser download).
/// </summary>
public class BrowserApp(string? appDirectory = null, bool viaDotnetRun = false) : IAsyncLifetime
{
    public const string DemoPassword = Forms.DemoPassword;

    public ProcessNode Node { get; private set; } = default!;
    public string BaseUrl => Node.BaseUrl;
    public IBrowser Browser { get; private set; } = default!;
    private IPlaywright? _playwright;

    public static string Artifacts => Environment.GetEnvironmentVariable("BORDERLINK_ARTIFACTS")
        ?? Path.Combine(Path.GetTempPath(), "borderlink-screenshots");

    public async ValueTask InitializeAsync()
    {
        Node = await ProcessNode.AsReadmeRunsAsync(appDirectory, viaDotnetRun);
        await Node.StartAsync();
        Directory.CreateDirectory(Artifacts);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task<IPage> NewPageAsync(string locale = "en-US")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, Locale = locale });
        return await context.NewPageAsync();
    }

    public static async Task SignInAsync(IPage page, string userName)
    {
        await page.GotoAsync("/login");
        await page.FillAsync("#username", userName);
        await page.FillAsync("#password", DemoPassword);
        await page.ClickAsync("[data-testid=login-submit]");
        await Assertions.Expect(page.GetByTestId("logout")).ToBeVisibleAsync();
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (Node is not null) await Node.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>
/// One app process and one browser for the journeys, each in browser contexts of its own and writing records of its
/// own: starting a process per class cost more than the journeys themselves.
/// </summary>
public sealed class SharedBrowserApp() : BrowserApp();

