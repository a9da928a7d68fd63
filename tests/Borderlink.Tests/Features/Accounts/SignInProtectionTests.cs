using System.Net;
using System.Text.RegularExpressions;
using Borderlink.Tests.Infrastructure;
using Borderlink.Web;

namespace Borderlink.Tests.Features.Accounts;

/// <summary>
/// Sign-in protection an office can live with, on the defaults README states: only credential submissions count, an
/// office of colleagues behind one address signs in, a flood is turned away with the time to wait, and failures for one
/// account from one address shut out that address only. (Every request of the test host comes from one address.)
/// </summary>
public sealed class SignInProtectionTests() : OwnAppTest(new BorderlinkApp()
    .WithSetting("Security:SignInsPerAddressPerMinute", new SecurityOptions().SignInsPerAddressPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture)))
{
    private static readonly string[] Colleagues = DemoAccounts().Take(25).ToArray();

    private static IEnumerable<string> DemoAccounts() =>
        from party in Borderlink.Data.DemoSeeder.PartySlugs.Values
        from account in Borderlink.Data.DemoSeeder.DemoAccounts
        select $"{party}.{account.Suffix}";

    [Fact]
    public async Task Twenty_five_colleagues_sign_in_from_one_address_and_a_flood_of_wrong_passwords_is_turned_away_with_the_time_to_wait()
    {
        // Page views and stylesheets do not count: a browser's reloads of the login page cost nothing.
        var browser = App.Anonymous("en");
        for (var i = 0; i < 150; i++) Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/login")).StatusCode);

        foreach (var user in Colleagues)
        {
            var client = await App.SignInAsync(user);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        }

        // The same address then floods wrong passwords for accounts that do not exist: past the limit, 429 and Retry-After.
        HttpResponseMessage? refused = null;
        var tries = 0;
        for (; tries < 200 && refused is null; tries++)
        {
            var response = await Forms.PostLoginAsync(browser, $"guess-{tries}", "wrong-password-123");
            if (response.StatusCode == HttpStatusCode.TooManyRequests) refused = response;
            else Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        Assert.NotNull(refused);
        // Nothing was refused before the minute's allowance was spent (more may pass should the minute turn meanwhile).
        Assert.True(tries - 1 >= new SecurityOptions().SignInsPerAddressPerMinute - Colleagues.Length, $"refused after {tries - 1} wrong passwords");
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        Assert.Contains("Too many sign-in attempts. Wait", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failures_for_one_account_make_that_address_wait_for_that_account_only_and_are_audited()
    {
        var client = App.Anonymous("fr");
        for (var i = 0; i < new SecurityOptions().MaxFailedLogins; i++)
        {
            var failed = await Forms.PostLoginAsync(client, "yunnan.viewer", "not-the-password-" + i);
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
            Assert.Contains("Nom d'utilisateur ou mot de passe incorrect.", WebUtility.HtmlDecode(await failed.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        // Even the right password is not checked from this address now, and the answer says how long to wait.
        var refused = await Forms.PostLoginAsync(client, "yunnan.viewer", BorderlinkApp.DemoPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalMinutes, 1, new SecurityOptions().LockoutMinutes);
        Assert.Matches(new Regex("Trop de tentatives de connexion\\. Attendez \\d+ min"), WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));

        // Another account from the same address is not shut out (the positive control), and the refusal is audited.
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostLoginAsync(App.Anonymous(), "yunnan.officer", BorderlinkApp.DemoPassword)).StatusCode);
        var audited = await App.WithSystemDbAsync(db => Task.FromResult(db.AuditEntries.Count(e =>
            e.Action == "login-failed" && e.Outcome == "denied" && e.Detail!.StartsWith("{\"K\":\"login.too-many\",\"A\":[\"x:yunnan.viewer\","))));
        Assert.Equal(1, audited);
        // The account itself is not locked: Identity's lockout, which anyone could trigger from anywhere, is not used.
        Assert.False(await App.WithSystemDbAsync(db => Task.FromResult(db.Users.Single(u => u.UserName == "yunnan.viewer").LockoutEnd != null)));
    }
}
