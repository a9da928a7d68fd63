using Borderlink.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Borderlink.E2E;

/// <summary>
/// What a newcomer sees first: the anonymous login page, styled, however the app is started — README's
/// <c>dotnet run</c>, the build output from another folder, a published output from another folder. The stylesheet is
/// checked as the browser applied it (computed styles), not only as a 200.
/// </summary>
public sealed class FirstStartTests
{
    [Fact]
    public Task The_login_page_is_styled_when_started_with_READMEs_dotnet_run() => LoginPageIsStyledAsync(new BrowserApp(viaDotnetRun: true));

    [Fact]
    public Task The_login_page_is_styled_when_the_build_output_is_started_from_another_folder() => LoginPageIsStyledAsync(new BrowserApp());

    [Fact]
    public async Task The_login_page_is_styled_when_a_published_output_is_started_from_another_folder()
    {
        var published = await PublishedOutput.CreateAsync();
        try
        {
            await LoginPageIsStyledAsync(new BrowserApp(published));
        }
        finally
        {
            Directory.Delete(published, recursive: true);
        }
    }

    private static async Task LoginPageIsStyledAsync(BrowserApp app)
    {
        await using var _ = app;
        await app.InitializeAsync();
        var page = await app.NewPageAsync("vi-VN");
        var stylesheet = await page.RequestAsync(() => page.GotoAsync("/login"), "app.");
        await Assertions.Expect(page.GetByTestId("login-submit")).ToBeVisibleAsync();

        // Without the stylesheet the body is transparent and the button grey; app.css paints them.
        Assert.Equal("rgb(251, 251, 248)", await page.Locator("body").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
        Assert.Equal("rgb(11, 95, 116)", await page.GetByTestId("login-submit").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
        Assert.Equal(200, stylesheet);
        await BrowserApp.ScreenshotAsync(page, "00-login-anonymous-vi");

        // The positive control of "public files only": a page is still refused to the anonymous visitor.
        var home = await page.GotoAsync("/notes");
        Assert.EndsWith("/login?ReturnUrl=%2Fnotes", page.Url, StringComparison.Ordinal);
        Assert.Equal(200, home!.Status);
    }
}

internal static class PageRequests
{
    /// <summary>Runs a navigation and returns the status of the first response whose URL's file name starts with <paramref name="prefix"/>.</summary>
    public static async Task<int> RequestAsync(this IPage page, Func<Task> navigate, string prefix)
    {
        var seen = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnResponse(object? sender, IResponse response)
        {
            if (Path.GetFileName(new Uri(response.Url).AbsolutePath).StartsWith(prefix, StringComparison.Ordinal)) seen.TrySetResult(response.Status);
        }
        page.Response += OnResponse;
        try
        {
            await navigate();
            return await seen.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            page.Response -= OnResponse;
        }
    }
}
