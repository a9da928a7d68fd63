using Microsoft.AspNetCore.Identity;
using Borderlink.Sharing;
using Borderlink.Web;

namespace Borderlink.Features.Accounts;

public sealed record AlertDigestDto(bool Enabled, DateTimeOffset? LastAt);

public sealed record AlertDigestRequest(bool Enabled);

public sealed record MeDto(string Name, string Party, Guid? Agency, string? Function, IReadOnlyList<string> Roles, string TimeZone);

/// <summary>/api/v1/me: who the caller is, as the server sees it (person or token).</summary>
public static class AccountApi
{
    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/me", (Viewer viewer, TimeDisplay time) => TypedResults.Ok(new MeDto(viewer.Name, viewer.Party!, viewer.AgencyId, viewer.Function,
                Roles.All.Where(viewer.IsInRole).ToList(), time.Zone.Id)))
            .RequireAuthorization(Policies.Reader)
            .WithTags("Account").WithName("GetMe").WithSummary("The caller's party, agency, function, roles and time zone.");
        var digest = app.MapGroup("/api/v1/me/alert-digest").WithTags("Account").RequireAuthorization(Policies.Reader);
        digest.MapGet("/", async (UserManager<BorderlinkUser> users, Viewer viewer) =>
                await users.FindByIdAsync(viewer.UserId ?? "") is { } user ? Results.Ok(new AlertDigestDto(user.AlertDigest, user.AlertDigestAt)) : Results.NotFound())
            .WithName("GetAlertDigest").WithSummary("Whether the caller gets the daily e-mail digest of unread alerts, and when the last one was made.");
        digest.MapPut("/", async (UserManager<BorderlinkUser> users, Viewer viewer, AlertDigestRequest request) =>
            {
                if (await users.FindByIdAsync(viewer.UserId ?? "") is not { } user) return Results.NotFound();
                user.AlertDigest = request.Enabled;
                await users.UpdateAsync(user);
                return Results.Ok(new AlertDigestDto(user.AlertDigest, user.AlertDigestAt));
            })
            .WithName("SetAlertDigest").WithSummary("Turn the caller's daily e-mail digest of unread alerts on or off.");
        return app;
    }
}
