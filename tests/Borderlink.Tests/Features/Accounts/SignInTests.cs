using System.Net;
using Borderlink.Tests.Infrastructure;

namespace Borderlink.Tests.Features.Accounts;

public sealed class SignInTests(SharedApp app)
{
    [Fact]
    public async Task A_user_signs_in_and_sees_their_party_in_their_language()
    {
        var client = app.Anonymous();
        // tuyenquang.officer is used by no other test, so no test has changed its stored language.
        var response = await Forms.PostLoginAsync(client, "tuyenquang.officer", BorderlinkApp.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        // No language chosen yet: the user's preferred language (Vietnamese for Lang Son) is applied at sign-in.
        var home = await client.GetStringAsync("/");
        Assert.Contains("Tổng quan biên giới", home, StringComparison.Ordinal);
        Assert.Contains("Tỉnh Tuyên Quang", home, StringComparison.Ordinal);
        Assert.Contains("Y tế — Tỉnh Tuyên Quang", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_localized_message_and_audited()
    {
        var client = app.Anonymous("fr");
        var response = await Forms.PostLoginAsync(client, "quangninh.viewer", "wrong-password-123");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Nom d'utilisateur ou mot de passe incorrect.", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
        var audited = await app.WithSystemDbAsync(db => Task.FromResult(db.AuditEntries.Any(e => e.Action == "login-failed" && e.Detail == Borderlink.Features.Audit.AuditDetail.LoginFailed("quangninh.viewer", false).Stored())));
        Assert.True(audited);
    }

    [Fact]
    public async Task An_unknown_user_gets_the_same_answer_as_a_wrong_password()
    {
        var client = app.Anonymous("vi");
        var unknown = await (await Forms.PostLoginAsync(client, "nobody.at.all", "wrong-password-123")).Content.ReadAsStringAsync();
        var wrong = await (await Forms.PostLoginAsync(client, "caobang.viewer", "wrong-password-123")).Content.ReadAsStringAsync();
        Assert.Equal(Alert(wrong), Alert(unknown));
        Assert.Equal("Tên đăng nhập hoặc mật khẩu không đúng.", Alert(unknown));
    }

    private static string Alert(string html) =>
        System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"login-error\">([^<]*)<").Groups[1].Value);

    [Fact]
    public async Task Switching_language_changes_every_page()
    {
        var client = await app.SignInAsync("guangxi.officer");
        foreach (var (culture, title) in new[] { ("vi", "Tổng quan biên giới"), ("zh-Hans", "边境概览"), ("en", "The border at a glance"), ("fr", "La frontière en un coup d'œil") })
        {
            var switched = await Forms.PostAsync(client, "/", "/preferences/language", null, [new("culture", culture), new("returnUrl", "/")]);
            Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
            var home = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync("/"));
            Assert.Contains(title, home, StringComparison.Ordinal);
            Assert.Contains($"<html lang=\"{culture}\"", home, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_return_url_cannot_send_a_user_to_another_site()
    {
        var client = await app.SignInAsync("guangxi.officer");
        var response = await Forms.PostAsync(client, "/", "/preferences/language", null, [new("culture", "en"), new("returnUrl", "//evil.example/")]);
        Assert.Equal("/", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Times_are_shown_in_each_readers_zone_and_name_it()
    {
        // The app clock stands at 16:30 UTC: 23:30 in Hanoi, 00:30 the next day in Nanning.
        // Each reader chooses a language here: other tests in this shared app change these users' stored language,
        // and the order tests run in differs between machines.
        var langSon = await app.SignInAsync("langson.liaison", "vi");
        var note = await Notes.NoteApiClient.CreateNoteAsync(langSon, "Giờ hai bên " + Guid.NewGuid(), "Partners", ["CN-GX"]);
        var guangxi = await app.SignInAsync("guangxi.officer", "fr");

        var seenInLangSon = System.Net.WebUtility.HtmlDecode(await langSon.GetStringAsync($"/notes/{note.Id}"));
        var seenInGuangxi = System.Net.WebUtility.HtmlDecode(await guangxi.GetStringAsync($"/notes/{note.Id}"));

        Assert.Contains("2026-11-22 23:30 (giờ Hà Nội, UTC+7)", seenInLangSon, StringComparison.Ordinal);
        Assert.Contains("2026-11-23 00:30 (heure de Pékin, UTC+8)", seenInGuangxi, StringComparison.Ordinal);
        Assert.Contains("datetime=\"2026-11-22T16:30:00Z\"", seenInGuangxi, StringComparison.Ordinal);
    }
}
