using System.Net;
using System.Net.Http.Json;
using Borderlink.Features.Accounts;
using Borderlink.Tests.Infrastructure;

namespace Borderlink.Tests.Features.Accounts;

/// <summary>A party's administrators manage only their own party's agencies and users.</summary>
public sealed class UserAdministrationTests(SharedApp app)
{
    private static async Task<Guid> AgencyAsync(HttpClient client, string party, string function) =>
        (await (await client.GetAsync($"/api/v1/agencies?party={party}")).ReadJsonAsync()).EnumerateArray()
            .First(a => a.GetProperty("functionCode").GetString() == function).GetProperty("id").GetGuid();

    [Fact]
    public async Task An_administrator_creates_an_account_that_can_sign_in_with_its_party()
    {
        var admin = await app.SignInAsync("caobang.admin");
        var name = "cb.quarantine." + Guid.NewGuid().ToString("N")[..6];
        var response = await admin.PostAsJsonAsync("/api/v1/users", new
        {
            userName = name, displayName = "Nguyễn Văn A", agencyId = await AgencyAsync(admin, "VN-04", "health-quarantine"),
            roles = new[] { "officer" }, password = "Ta-Lung-Gate-2026",
        }, Json.Options);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        var user = app.Anonymous();
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostLoginAsync(user, name, "Ta-Lung-Gate-2026")).StatusCode);
        var me = await (await user.GetAsync("/api/v1/me")).ReadAsync<MeDto>();
        Assert.Equal("VN-04", me.Party);
        Assert.Equal("health-quarantine", me.Function);
        Assert.Equal(["officer"], me.Roles);
    }

    [Fact]
    public async Task Accounts_and_agencies_of_another_party_are_out_of_reach()
    {
        var admin = await app.SignInAsync("guangxi.admin");
        var langSonAgency = await AgencyAsync(admin, "VN-09", "health");
        var create = await admin.PostAsJsonAsync("/api/v1/users", new { userName = "intruder", agencyId = langSonAgency, roles = new[] { "viewer" }, password = "Some-Password-2026" }, Json.Options);
        Assert.Equal(HttpStatusCode.BadRequest, create.StatusCode);

        var langSonUsers = await (await (await app.SignInAsync("langson.admin")).GetAsync("/api/v1/users")).ReadAsync<List<UserDto>>();
        var target = langSonUsers.First(u => u.UserName == "langson.viewer");
        Assert.DoesNotContain((await (await admin.GetAsync("/api/v1/users")).ReadAsync<List<UserDto>>()), u => u.Id == target.Id);
        var update = await admin.PutAsJsonAsync($"/api/v1/users/{target.Id}", new { agencyId = langSonAgency, roles = new[] { "administrator" }, locked = false }, Json.Options);
        Assert.Equal(HttpStatusCode.NotFound, update.StatusCode);
        var agency = await admin.PutAsJsonAsync($"/api/v1/agencies/{langSonAgency}", new { functionCode = "health", nameEn = "x", nameVi = "x", nameZh = "x", nameFr = "x" }, Json.Options);
        Assert.Equal(HttpStatusCode.NotFound, agency.StatusCode);
        var audited = await app.WithSystemDbAsync(db => Task.FromResult(db.AuditEntries.Count(e => e.Actor == "guangxi.admin" && e.Action == "refused")));
        Assert.True(audited >= 2);
    }

    [Fact]
    public async Task An_administrator_cannot_demote_themselves_and_a_locked_user_cannot_sign_in()
    {
        var admin = await app.SignInAsync("yunnan.admin");
        var users = await (await admin.GetAsync("/api/v1/users")).ReadAsync<List<UserDto>>();
        var self = users.Single(u => u.UserName == "yunnan.admin");
        var demote = await admin.PutAsJsonAsync($"/api/v1/users/{self.Id}", new { agencyId = self.AgencyId, roles = new[] { "viewer" }, locked = false }, Json.Options);
        Assert.Equal(HttpStatusCode.BadRequest, demote.StatusCode);

        var coordinator = users.Single(u => u.UserName == "yunnan.coordinator");
        var locked = await admin.PutAsJsonAsync($"/api/v1/users/{coordinator.Id}", new { agencyId = coordinator.AgencyId, roles = coordinator.Roles, locked = true }, Json.Options);
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.True((await locked.ReadAsync<UserDto>()).Locked);
        Assert.Equal(HttpStatusCode.OK, (await Forms.PostLoginAsync(app.Anonymous(), "yunnan.coordinator", BorderlinkApp.DemoPassword)).StatusCode);
    }

    [Fact]
    public async Task An_administrator_adds_an_agency_with_four_names_through_the_page()
    {
        var admin = await app.SignInAsync("quangninh.admin", "en");
        var response = await Forms.PostAsync(admin, "/admin/agencies", "/admin/agencies", "agency",
        [
            new("Form.FunctionCode", "health-quarantine"), new("Form.NameVi", "Trung tâm Kiểm dịch y tế Móng Cái"), new("Form.NameZh", "芒街国际卫生检疫中心"),
            new("Form.NameEn", "Mong Cai health quarantine centre"), new("Form.NameFr", "Centre de quarantaine sanitaire de Mong Cai"), new("Form.Hotline", "+84 203 000 0000"),
            new("Form.Active", "true"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var listed = await (await admin.GetAsync("/api/v1/agencies?party=VN-13")).ReadJsonAsync();
        Assert.Contains(listed.EnumerateArray(), a => a.GetProperty("nameZh").GetString() == "芒街国际卫生检疫中心");

        var missingNames = await Forms.PostAsync(admin, "/admin/agencies", "/admin/agencies", "agency", [new("Form.FunctionCode", "health"), new("Form.NameEn", "only English")]);
        Assert.Equal(HttpStatusCode.BadRequest, missingNames.StatusCode);
        Assert.Contains("This field is required.", await missingNames.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
