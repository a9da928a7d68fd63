using System.Globalization;
using System.Text;
using Microsoft.Playwright;

namespace Borderlink.E2E;

/// <summary>
/// A border post works from a phone: at 390 × 844 (a common phone, emulated as one) the most used pages never scroll
/// sideways, the header and menu leave the content in view, and the menu opens without JavaScript's help. Signed in as an
/// officer of each side; screenshots are kept.
/// </summary>
public sealed class PhoneLayoutTests(SharedBrowserApp app)
{
    private readonly BrowserApp _app = app;

    /// <summary>
    /// The fifteen pages an officer opens most, by their addresses, and the border map (which scrolls within its own
    /// frame); the situation page with its figures on the map.
    /// </summary>
    private static readonly string[] Pages =
    [
        "/", "/notifications", "/notifications/new", "/situation?map=provinces", "/gates", "/gates/HUUNGHI-YOUYIGUAN", "/gates/dashboard", "/gates/HUUNGHI-YOUYIGUAN/screening",
        "/notes", "/notes/new", "/quarantine", "/permits", "/meetings", "/communications", "/gazetteer?q=L%E1%BB%99c%20B%C3%ACnh",
        "/gates/map",
    ];

    [Theory]
    [InlineData("langson.officer", "vi-VN")]
    [InlineData("guangxi.officer", "zh-CN")]
    public async Task The_most_used_pages_fit_a_phone_screen(string user, string locale)
    {
        var context = await _app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _app.BaseUrl, Locale = locale, ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true,
            DeviceScaleFactor = 2,
        });
        var page = await context.NewPageAsync();
        // Signed in as on a phone: sign-out is in the menu there, not in the header.
        await page.GotoAsync("/login");
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", BrowserApp.DemoPassword);
        await page.ClickAsync("[data-testid=login-submit]");
        await Assertions.Expect(page.GetByTestId("nav-menu")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("logout")).Not.ToBeVisibleAsync();
        // Both sides report, whichever case runs first: each side's reader then has two series, as in the field.
        foreach (var reporter in new[] { "langson.officer", "guangxi.officer" })
        {
            var reporting = await _app.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _app.BaseUrl });
            var reporterPage = await reporting.NewPageAsync();
            await BrowserApp.SignInAsync(reporterPage, reporter);
            await ReportFiguresAsync(reporterPage, reporter);
            await reporting.CloseAsync();
        }
        var overflowing = new List<string>();
        var cardTables = 0;
        foreach (var path in Pages)
        {
            var response = await page.GotoAsync(path);
            Assert.True(response!.Ok, $"{path} answered {response.Status}");
            var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
            var (scroll, client) = (widths[0], widths[1]);
            if (scroll > client) overflowing.Add($"{path}: {scroll} px wide in {client} px");
            // Lists are laid out as cards, one per row, each value after its column's name: none scrolls within itself,
            // and no table of these pages scrolls sideways within its own box either.
            var tables = await page.EvaluateAsync<string[]>("""
                () => [...document.querySelectorAll('main table')].map(t => {
                    const row = t.querySelector('tbody tr'), labelled = t.querySelector('td[data-label]');
                    return [t.matches('.cards') ? 'cards' : 'table', t.scrollWidth > t.clientWidth + 1 ? 'scrolls' : 'fits',
                        row ? getComputedStyle(row).display : 'empty',
                        labelled ? getComputedStyle(labelled, '::before').content : 'none', t.dataset.testid || ''].join(' ');
                })
                """);
            foreach (var table in tables)
            {
                if (table.Contains(" scrolls ", StringComparison.Ordinal)) overflowing.Add($"{path}: a table scrolls within itself ({table})");
                if (!table.StartsWith("cards", StringComparison.Ordinal)) continue;
                cardTables++;
                if (!table.Contains(" block ", StringComparison.Ordinal) && !table.Contains(" empty ", StringComparison.Ordinal))
                    overflowing.Add($"{path}: a card list's rows are not cards ({table})");
            }
            var name = path.Trim('/').Split('?')[0].Replace('/', '-');
            await BrowserApp.ScreenshotAsync(page, $"phone-{user.Split('.')[0]}-{(name.Length > 0 ? name : "home")}");
        }
        Assert.True(overflowing.Count == 0, "pages wider than the phone:\n" + string.Join('\n', overflowing));
        // Positive control: the pages do hold lists laid out as cards.
        Assert.True(cardTables >= 8, $"{cardTables} card lists on the most used pages");
        // A card's value follows its column's name in the reader's language (the gate list's side column).
        await page.GotoAsync("/gates");
        var label = await page.Locator("[data-testid=gates-table] td[data-label]").First.EvaluateAsync<string>("e => getComputedStyle(e, '::before').content");
        Assert.Contains(locale.StartsWith("zh", StringComparison.Ordinal) ? "合作方" : "Địa phương", label, StringComparison.Ordinal);

        // Chinese is set in a sans-serif face on screen (the minutes keep their serif face for print).
        if (locale.StartsWith("zh", StringComparison.Ordinal))
        {
            var face = await page.Locator("main").EvaluateAsync<string>("e => getComputedStyle(e).fontFamily");
            Assert.StartsWith("\"Noto Sans CJK SC\"", face, StringComparison.Ordinal);
        }

        // The situation page holds its figures: the curve and its figures, places as cards, the map in its frame.
        // The curve's figures are folded; opened, they fit the phone too, a card per period with each side's figure after
        // its name (as a table, Vietnamese headers for both sides were wider than the screen once Guangxi had reported).
        await page.GotoAsync("/situation?map=provinces");
        var curve = page.GetByTestId("curve-table");
        await page.Locator("details", new PageLocatorOptions { Has = curve }).Locator("summary").ClickAsync();
        await Assertions.Expect(curve.Locator("tbody tr")).ToHaveCountAsync(26);
        await Assertions.Expect(curve).ToBeVisibleAsync();
        Assert.Equal("block", await curve.Locator("tbody tr").Last.EvaluateAsync<string>("r => getComputedStyle(r).display"));
        var curveWidths = await curve.EvaluateAsync<int[]>("t => [t.scrollWidth, t.clientWidth, document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(curveWidths[0] <= curveWidths[1] + 1 && curveWidths[2] <= curveWidths[3], $"the curve's table: {string.Join(", ", curveWidths)} (scroll, client; page scroll, client)");
        await Assertions.Expect(page.GetByTestId("places").Locator("tbody tr")).Not.ToHaveCountAsync(0);
        // The map shades the reader's own province by its figures and a province without a report grey (the stylesheet's fills, not black).
        var own = user.StartsWith("guangxi", StringComparison.Ordinal) ? "CN-GX" : "VN-09";
        var map = page.GetByTestId("situation-map");
        await Assertions.Expect(map.Locator("svg")).ToBeVisibleAsync();
        var ownFill = await map.Locator($"path[data-party={own}]").EvaluateAsync<string>("p => getComputedStyle(p).fill");
        Assert.Contains(ownFill, new[] { "rgb(253, 212, 158)", "rgb(252, 141, 89)", "rgb(227, 74, 51)", "rgb(165, 15, 21)" });
        Assert.Equal("rgb(185, 191, 196)", await map.Locator("path[data-party=VN-13]").EvaluateAsync<string>("p => getComputedStyle(p).fill"));
        await BrowserApp.ScreenshotAsync(page, $"phone-{user.Split('.')[0]}-situation-curve-open");

        // The map is wider than a phone and its frame scrolls sideways. Opened by its address alone it shows the west of the
        // border; the page's own link opens it at the reader's province (a band around its name, fully in the frame).
        var focus = map.Locator("#map-focus");
        Assert.Equal(own, await focus.GetAttributeAsync("data-party"));
        var before = await FrameAndFocusAsync(page);
        Assert.Equal(0, before.ScrollLeft);
        await page.GotoAsync("/situation");
        await page.GetByTestId("situation-map-show").ClickAsync();
        await Assertions.Expect(page.GetByTestId("situation-map")).ToBeVisibleAsync();
        Assert.EndsWith("#map-focus", page.Url, StringComparison.Ordinal);
        var after = await FrameAndFocusAsync(page);
        Assert.True(after.FocusLeft >= after.FrameLeft - 1 && after.FocusRight <= after.FrameRight + 1,
            $"the band around {own} is at {after.FocusLeft}–{after.FocusRight} px, the frame shows {after.FrameLeft}–{after.FrameRight} px (scrolled {after.ScrollLeft} px)");
        if (own == "VN-09")
        {
            // Lạng Sơn lies east of the frame's first view: the frame had to scroll for it (and it was not in view before).
            Assert.True(after.ScrollLeft > 0, $"the frame did not scroll ({after.ScrollLeft} px)");
            Assert.True(before.FocusRight > before.FrameRight + 1, $"Lạng Sơn's band was in view already: {before.FocusRight} px, frame to {before.FrameRight} px");
        }
        await BrowserApp.ScreenshotAsync(page, $"phone-{user.Split('.')[0]}-situation-map-own-province");

        // The header and the folded menu leave the page's content in view (they took about 500 px before).
        await page.GotoAsync("/notes");
        var top = await page.Locator("main h1").First.EvaluateAsync<double>("e => e.getBoundingClientRect().top");
        Assert.True(top < 220, $"the page's title starts {top} px down");

        // Positive control: the menu is there, folded, and opens with every group's links.
        var menu = page.GetByTestId("nav-menu");
        await Assertions.Expect(menu).ToBeVisibleAsync();
        await Assertions.Expect(menu.Locator("a[href='/meetings']")).Not.ToBeVisibleAsync();
        await menu.Locator("summary").ClickAsync();
        await Assertions.Expect(menu.Locator("a[href='/meetings']")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("logout-menu")).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(page, $"phone-{user.Split('.')[0]}-menu-open");
        await context.CloseAsync();
    }

    /// <summary>
    /// The user's party reports dengue for the last three weeks, its total and a place within it, as its surveillance
    /// system would (the shared app's demo data has no figures, and a situation page without them has no table to measure).
    /// Reported again by each case of the theory, replacing the same figures.
    /// </summary>
    private static async Task ReportFiguresAsync(IPage page, string user)
    {
        var (party, place) = user.StartsWith("guangxi", StringComparison.Ordinal) ? ("Guangxi", "Pingxiang") : ("Lang Son", "Dong Dang");
        var csv = new StringBuilder("period,place,disease,new_cases,deaths\n");
        for (var weeksAgo = 3; weeksAgo >= 1; weeksAgo--)
        {
            var day = DateTime.UtcNow.AddDays(-7 * weeksAgo);
            var week = string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(day)}-W{ISOWeek.GetWeekOfYear(day):00}");
            csv.Append(CultureInfo.InvariantCulture, $"{week},{party},dengue,{10 + weeksAgo},0\n{week},{place},dengue,{weeksAgo},0\n");
        }
        var response = await page.APIRequest.PostAsync("/api/v1/situation-reports/imports?name=phone.csv&replace=true", new APIRequestContextOptions
        {
            Headers = new Dictionary<string, string> { ["Content-Type"] = "text/csv" },
            DataByte = Encoding.UTF8.GetBytes(csv.ToString()),
        });
        Assert.True(response.Ok, $"{response.Status} {await response.TextAsync()}");
    }

    private sealed record FramePosition(double ScrollLeft, double FrameLeft, double FrameRight, double FocusLeft, double FocusRight);

    /// <summary>The situation map's frame (its visible part, in the page) and the focus band, as the browser lays them out.</summary>
    private static async Task<FramePosition> FrameAndFocusAsync(IPage page)
    {
        var at = await page.GetByTestId("situation-map").Locator(".map-frame").EvaluateAsync<double[]>(
            "f => { const r = f.getBoundingClientRect(), b = f.querySelector('#map-focus').getBoundingClientRect(); return [f.scrollLeft, r.left, r.right, b.left, b.right]; }");
        return new FramePosition(at[0], at[1], at[2], at[3], at[4]);
    }

    /// <summary>The same layout on a wide screen: every link in the row, spaced, the phone's menu hidden, sign-out in the header.</summary>
    [Fact]
    public async Task On_a_wide_screen_the_links_are_in_a_spaced_row_and_the_menu_is_hidden()
    {
        var context = await _app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _app.BaseUrl, Locale = "vi-VN", ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        var page = await context.NewPageAsync();
        await BrowserApp.SignInAsync(page, "langson.officer");
        await Assertions.Expect(page.GetByTestId("nav-menu")).Not.ToBeVisibleAsync();
        var situation = await page.Locator("nav.main-nav .nav-row a[href='/situation']").BoundingBoxAsync();
        var gates = await page.Locator("nav.main-nav .nav-row a[href='/gates']").BoundingBoxAsync();
        Assert.NotNull(situation);
        Assert.NotNull(gates);
        Assert.True(gates.X - (situation.X + situation.Width) >= 8, $"the links touch: {situation.X + situation.Width} px and {gates.X} px");
        await context.CloseAsync();
    }
}
