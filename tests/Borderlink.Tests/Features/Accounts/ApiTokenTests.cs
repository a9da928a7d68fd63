using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Borderlink.Features.Accounts;
using Borderlink.Features.Notes;
using Borderlink.Tests.Features.Notes;
using Borderlink.Tests.Infrastructure;

namespace Borderlink.Tests.Features.Accounts;

public sealed class ApiTokenTests(SharedApp app)
{
    private static async Task<Guid> AgencyOfAsync(HttpClient admin, string party, string function)
    {
        var agencies = await (await admin.GetAsync($"/api/v1/agencies?party={party}")).ReadJsonAsync();
        return agencies.EnumerateArray().First(a => a.GetProperty("functionCode").GetString() == function).GetProperty("id").GetGuid();
    }

    private async Task<IssuedTokenDto> IssueAsync(string adminUser, string party, string role, string[] scopes, string name)
    {
        var admin = await app.SignInAsync(adminUser);
        var agency = await AgencyOfAsync(admin, party, "disease-control");
        var response = await admin.PostAsJsonAsync("/api/v1/api-tokens", new { agencyId = agency, name, role, scopes, expiresInDays = 30 }, Json.Options);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadAsync<IssuedTokenDto>();
    }

    private HttpClient Bearer(string secret)
    {
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    [Fact]
    public async Task A_token_is_shown_once_stored_hashed_and_acts_for_its_agency_under_the_same_rules()
    {
        var issued = await IssueAsync("langson.admin", "VN-09", "officer", [ApiScopes.Notes], "surveillance-push-" + Guid.NewGuid().ToString("N")[..6]);
        Assert.StartsWith("bl_", issued.Secret, StringComparison.Ordinal);
        var stored = await app.WithSystemDbAsync(db => Task.FromResult(db.ApiTokens.Single(t => t.Id == issued.Token.Id)));
        Assert.NotEqual(issued.Secret, stored.SecretHash);
        Assert.DoesNotContain(issued.Secret, await (await app.SignInAsync("langson.admin")).GetStringAsync("/api/v1/api-tokens"), StringComparison.Ordinal);

        var machine = Bearer(issued.Secret);
        var created = await machine.CreateNoteAsync("Báo cáo tự động " + Guid.NewGuid());
        Assert.Equal("VN-09", created.OwnerParty);
        Assert.Equal("token:" + issued.Token.Name, created.CreatedBy);

        var guangxiNote = await (await app.SignInAsync("guangxi.officer")).CreateNoteAsync("Guangxi internal " + Guid.NewGuid(), language: "zh-Hans");
        Assert.Equal(HttpStatusCode.NotFound, (await machine.GetAsync($"{NoteApiClient.Path}/{guangxiNote.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_token_reaches_only_its_scopes_and_never_pages_or_administration()
    {
        var issued = await IssueAsync("caobang.admin", "VN-04", "viewer", [ApiScopes.Reference], "reference-reader");
        var machine = Bearer(issued.Secret);

        Assert.Equal(HttpStatusCode.OK, (await machine.GetAsync("/api/v1/gazetteer?q=cao%20bang")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await machine.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await machine.GetAsync(NoteApiClient.Path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await machine.GetAsync("/api/v1/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await machine.GetAsync("/api/v1/api-tokens")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await machine.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task A_revoked_or_unknown_token_is_refused()
    {
        var issued = await IssueAsync("quangninh.admin", "VN-13", "viewer", [ApiScopes.Notes], "to-revoke");
        var machine = Bearer(issued.Secret);
        Assert.Equal(HttpStatusCode.OK, (await machine.GetAsync(NoteApiClient.Path)).StatusCode);

        var admin = await app.SignInAsync("quangninh.admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync($"/api/v1/api-tokens/{issued.Token.Id}")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await machine.GetAsync(NoteApiClient.Path)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Bearer("bl_made_up_secret").GetAsync(NoteApiClient.Path)).StatusCode);
    }

    [Fact]
    public async Task An_administrator_cannot_touch_another_partys_tokens_or_issue_to_its_agencies()
    {
        var issued = await IssueAsync("laocai.admin", "VN-02", "viewer", [ApiScopes.Notes], "lao-cai-gate");
        var guangxiAdmin = await app.SignInAsync("guangxi.admin");

        Assert.Equal(HttpStatusCode.NotFound, (await guangxiAdmin.DeleteAsync($"/api/v1/api-tokens/{issued.Token.Id}")).StatusCode);
        var laoCaiAgency = await AgencyOfAsync(guangxiAdmin, "VN-02", "customs");
        var foreign = await guangxiAdmin.PostAsJsonAsync("/api/v1/api-tokens", new { agencyId = laoCaiAgency, name = "x", role = "viewer", scopes = new[] { "reference" } }, Json.Options);
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.True((await foreign.ReadJsonAsync()).GetProperty("errors").TryGetProperty("agencyId", out _));
        var administrator = await guangxiAdmin.PostAsJsonAsync("/api/v1/api-tokens",
            new { agencyId = await AgencyOfAsync(guangxiAdmin, "CN-GX", "customs"), name = "x", role = "administrator", scopes = new[] { "reference" } }, Json.Options);
        Assert.Equal(HttpStatusCode.BadRequest, administrator.StatusCode);
    }

    [Fact]
    public async Task The_tokens_page_issues_a_token_and_shows_the_secret_once()
    {
        var admin = await app.SignInAsync("tuyenquang.admin", "en");
        var agency = await AgencyOfAsync(admin, "VN-07", "customs");
        var response = await Forms.PostAsync(admin, "/admin/tokens", "/admin/tokens", "issue",
            [new("Form.Name", "Thanh Thuy gate"), new("Form.AgencyId", agency.ToString()), new("Form.Role", "officer"), new("scopes", "liaison-notes"), new("Form.ExpiresInDays", "30")]);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var secret = System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"token-secret\">(bl_[^<]+)<").Groups[1].Value;
        Assert.NotEmpty(secret);
        Assert.Equal(HttpStatusCode.OK, (await Bearer(secret).GetAsync(NoteApiClient.Path)).StatusCode);
        Assert.DoesNotContain(secret, await admin.GetStringAsync("/admin/tokens"), StringComparison.Ordinal);

        // Scopes are named in the reader's language, on the list and in the form, never by their code.
        var vietnamese = WebUtility.HtmlDecode(await (await app.SignInAsync("tuyenquang.admin", "vi")).GetStringAsync("/admin/tokens"));
        Assert.Matches("<td[^>]*>Ghi chú liên lạc</td>", vietnamese);
        Assert.Contains("value=\"liaison-notes\" checked /> Ghi chú liên lạc</label>", vietnamese, StringComparison.Ordinal);
        Assert.DoesNotContain("/> liaison-notes</label>", vietnamese, StringComparison.Ordinal);
    }
}

/// <summary>Expiry needs the clock moved, so it runs on an app of its own.</summary>
public sealed class ApiTokenExpiryTests : OwnAppTest
{

    [Fact]
    public async Task A_token_stops_working_when_it_expires()
    {
        var admin = await App.SignInAsync("langson.admin");
        var agencies = await (await admin.GetAsync("/api/v1/agencies?party=VN-09")).ReadJsonAsync();
        var agency = agencies.EnumerateArray().First().GetProperty("id").GetGuid();
        var issued = await (await admin.PostAsJsonAsync("/api/v1/api-tokens", new { agencyId = agency, name = "short", role = "viewer", scopes = new[] { "liaison-notes" }, expiresInDays = 1 }, Json.Options))
            .ReadAsync<IssuedTokenDto>();
        var machine = App.Anonymous();
        machine.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.Secret);
        Assert.Equal(HttpStatusCode.OK, (await machine.GetAsync(NoteApiClient.Path)).StatusCode);

        App.Clock.Advance(TimeSpan.FromDays(1).Add(TimeSpan.FromSeconds(1)));

        Assert.Equal(HttpStatusCode.Unauthorized, (await machine.GetAsync(NoteApiClient.Path)).StatusCode);
    }
}
