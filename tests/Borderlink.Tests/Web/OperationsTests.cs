using System.Net;
using Borderlink.Tests.Infrastructure;

namespace Borderlink.Tests.Web;

/// <summary>Demo seeding is refused on PostgreSQL unless asked for; SQLite seeds it by default.</summary>
public sealed class DemoSeedingTests() : OwnAppTest(new BorderlinkApp().WithSetting("Demo:Enabled", ""))
{

    [Fact]
    public async Task Demo_users_exist_only_where_the_engine_allows_them_by_default()
    {
        var users = await App.WithSystemDbAsync(db => Task.FromResult(db.Users.Count()));
        var parties = await App.WithSystemDbAsync(db => Task.FromResult(db.Parties.Count()));
        Assert.Equal(8, parties); // reference data is always loaded
        if (TestDatabase.IsPostgres)
        {
            Assert.Equal(0, users);
        }
        else
        {
            Assert.Equal(49, users);
        }
    }
}

public sealed class AuditTrailPageTests(SharedApp app)
{
    [Fact]
    public async Task An_administrator_filters_their_partys_trail_and_sees_no_other_party()
    {
        var viewer = await app.SignInAsync("laocai.viewer");
        await viewer.GetAsync("/api/v1/users"); // refused and audited for Lao Cai
        await (await app.SignInAsync("yunnan.officer")).GetAsync("/api/v1/audit-entries"); // refused and audited for Yunnan

        var admin = await app.SignInAsync("laocai.admin", "en");
        var html = await admin.GetStringAsync("/admin/audit?action=refused");
        Assert.Contains("GET /api/v1/users", html, StringComparison.Ordinal);
        Assert.Contains("laocai.viewer", html, StringComparison.Ordinal);
        Assert.DoesNotContain("yunnan.officer", html, StringComparison.Ordinal);

        var api = await (await admin.GetAsync("/api/v1/audit-entries?action=refused&actor=laocai.viewer")).ReadJsonAsync();
        Assert.True(api.GetProperty("total").GetInt32() >= 1);
        Assert.All(api.GetProperty("items").EnumerateArray(), e => Assert.Equal("VN-02", e.GetProperty("party").GetString()));
    }
}
