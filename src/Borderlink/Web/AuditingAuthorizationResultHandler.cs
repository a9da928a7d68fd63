using Borderlink.Data;
using Borderlink.Features.Accounts;
using Borderlink.Features.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.Localization;

namespace Borderlink.Web;

/// <summary>
/// Every request the authorization middleware refuses is written to the audit log. A signed-in user who is refused
/// gets a localized 403 problem from the API; an anonymous browser is simply sent to the login page (not audited:
/// that is the ordinary way in, not a refusal of anything it could see).
/// </summary>
public sealed class AuditingAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        var isApi = context.Request.Path.StartsWithSegments("/api");
        if (authorizeResult.Forbidden || (authorizeResult.Challenged && (isApi || context.User.Identity?.IsAuthenticated == true)))
        {
            var db = context.RequestServices.GetRequiredService<BorderlinkDb>();
            db.Audit(AuditActions.Refused, AuditOutcomes.Denied, detail: OutsideItsGate(authorizeResult)
                ? AuditDetail.RequestRefusedOutsideGate(context.Request.Method, context.Request.Path, context.User.FindFirst(Borderlink.Sharing.BorderlinkClaims.Gate)?.Value)
                : AuditDetail.RequestRefused(context.Request.Method, context.Request.Path));
            await db.SaveChangesAsync(context.RequestAborted);
            if (isApi)
            {
                var L = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
                var status = authorizeResult.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized;
                var (code, title) = !authorizeResult.Forbidden ? ("unauthenticated", "Problem.Unauthenticated")
                    : OutsideItsGate(authorizeResult) ? (GateScope.OutOfScope, "Ingest.gate-out-of-scope")
                    : ("forbidden", "Problem.Forbidden");
                await ApiResults.Problem(L, status, code, title).ExecuteAsync(context);
                return;
            }
        }
        await _default.HandleAsync(next, context, policy, authorizeResult);
    }

    private static bool OutsideItsGate(PolicyAuthorizationResult result) =>
        result.AuthorizationFailure?.FailureReasons.Any(r => r.Message == GateScope.OutOfScope) == true;
}
