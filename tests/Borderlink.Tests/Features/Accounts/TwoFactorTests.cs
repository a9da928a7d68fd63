using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Borderlink.Tests.Infrastructure;

namespace Borderlink.Tests.Features.Accounts;

/// <summary>With two-factor required for privileged roles, an administrator sets up an authenticator before working, then signs in with a code.</summary>
public sealed class TwoFactorTests() : OwnAppTest(new BorderlinkApp().WithSetting("Security:RequireTwoFactorForPrivileged", "true"))
{

    [Fact]
    public async Task A_privileged_user_must_enrol_and_then_needs_a_code_to_sign_in()
    {
        var admin = await App.SignInAsync("langson.admin", "en");
        var home = await admin.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/account", home.Headers.Location!.ToString());
        var api = await admin.GetAsync("/api/v1/users");
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal("urn:borderlink:problem:two-factor-required", (await api.ReadJsonAsync()).GetProperty("type").GetString());

        var accountPage = await admin.GetStringAsync("/account");
        var key = Regex.Match(accountPage, "data-testid=\"authenticator-key\">([a-z0-9 ]+)<").Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
        Assert.NotEmpty(key);
        var wrong = await Forms.PostAsync(admin, "/account", "/account", "enable-2fa", [new("Code", "000000")]);
        Assert.Contains("That code is not valid", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var enabled = await Forms.PostAsync(admin, "/account", "/account", "enable-2fa", [new("Code", Totp(key, DateTimeOffset.UtcNow))]);
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/")).StatusCode);

        var again = App.Anonymous("en");
        var password = await Forms.PostLoginAsync(again, "langson.admin", BorderlinkApp.DemoPassword);
        Assert.Contains("/login/two-factor", password.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await again.GetAsync("/")).StatusCode);
        var withCode = await Forms.PostAsync(again, "/login/two-factor", "/login/two-factor?returnUrl=%2F", "two-factor", [new("Code", Totp(key, DateTimeOffset.UtcNow))]);
        Assert.Equal(HttpStatusCode.Redirect, withCode.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task An_officer_is_not_asked_for_two_factor()
    {
        var officer = await App.SignInAsync("langson.officer");
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/")).StatusCode);
    }

    /// <summary>RFC 6238 with the authenticator-app defaults: HMAC-SHA1, 30-second steps, 6 digits, base32 key.</summary>
    private static string Totp(string base32Key, DateTimeOffset at)
    {
        var key = Base32(base32Key.ToUpperInvariant());
        var counter = BitConverter.GetBytes(at.ToUnixTimeSeconds() / 30);
        if (BitConverter.IsLittleEndian) Array.Reverse(counter);
#pragma warning disable CA5350 // RFC 6238 authenticator apps use HMAC-SHA1; this test must speak it
        var hash = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0; var value = 0; var output = new List<byte>();
        foreach (var c in text.TrimEnd('='))
        {
            value = (value << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8) { output.Add((byte)(value >> (bits - 8))); bits -= 8; }
        }
        return [.. output];
    }
}
