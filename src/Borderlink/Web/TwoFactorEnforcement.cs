using Borderlink.Features.Accounts;
using Borderlink.Sharing;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Borderlink.Web;

/// <summary>
/// With Security:RequireTwoFactorForPrivileged on, administrators, liaisons and coordinators who have not set up an
/// authenticator can reach only their account page (to set it up) until they do.
/// </summary>
public sealed class TwoFactorEnforcement(RequestDelegate next, IOptions<SecurityOptions> options)
{
    private static readonly string[] Privileged = [Roles.Administrator, Roles.Liaison, Roles.Coordinator];
    private static readonly string[] Open = ["/account", "/logout", "/preferences", "/login", "/healthz", "/_framework"];

    public async Task InvokeAsync(HttpContext context)
    {
        var user = context.User;
        if (options.Value.RequireTwoFactorForPrivileged
            && user.Identity?.AuthenticationType == Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme
            && user.FindFirst(BorderlinkClaims.TwoFactor)?.Value == "false"
            && Privileged.Any(user.IsInRole)
            && !Open.Any(p => context.Request.Path.StartsWithSegments(p))
            && !Path.HasExtension(context.Request.Path.Value))
        {
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                // Resolved only here: most requests (every partner message among them) never need a localizer.
                var L = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
                await ApiResults.Problem(L, StatusCodes.Status403Forbidden, "two-factor-required", "Problem.TwoFactorRequired").ExecuteAsync(context);
                return;
            }
            context.Response.Redirect("/account");
            return;
        }
        await next(context);
    }
}
