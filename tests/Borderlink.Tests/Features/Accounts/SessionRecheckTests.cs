using System.Net;
using System.Net.Http.Json;
using Borderlink.Features.Accounts;
using Borderlink.Tests.Infrastructure;

namespace Borderlink.Tests.Features.Accounts;

/// <summary>
/// A session already open follows what an administrator changes within a minute (README: the cookie is re-checked
/// against the security stamp), and not before: the check is skipped while the cookie is younger than that, which is
/// what keeps it off the path of every request. Its own app: it moves the clock.
/// </summary>
public sealed class SessionRecheckTests : OwnAppTest
{
    [Fact]
    public async Task A_locked_users_open_session_is_refused_after_the_recheck_interval_and_others_carry_on()
    {
        var coordinator = await App.SignInAsync("yunnan.coordinator");
        var colleague = await App.SignInAsync("yunnan.officer");
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync("/api/v1/liaison-notes")).StatusCode);

        var admin = await App.SignInAsync("yunnan.admin");
        var users = await (await admin.GetAsync("/api/v1/users")).ReadAsync<List<UserDto>>();
        var target = users.Single(u => u.UserName == "yunnan.coordinator");
        var locked = await admin.PutAsJsonAsync($"/api/v1/users/{target.Id}", new { agencyId = target.AgencyId, roles = target.Roles, locked = true }, Json.Options);
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);

        // Within the interval the cookie is taken as it is (its age is all that is checked)...
        App.Clock.Advance(TimeSpan.FromSeconds(50));
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync("/api/v1/liaison-notes")).StatusCode);
        // ...after it, the session is checked against the account and refused; a colleague's session carries on.
        App.Clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(HttpStatusCode.Unauthorized, (await coordinator.GetAsync("/api/v1/liaison-notes")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await colleague.GetAsync("/api/v1/liaison-notes")).StatusCode);
    }
}
