using Borderlink.Sharing;
using Borderlink.Web;

namespace Borderlink.Features.Accounts;

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
        return app;
    }
}
