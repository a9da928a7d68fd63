using Borderlink.Sharing;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Borderlink.Features.Accounts;

/// <summary>
/// What a machine token may reach: each scope names a part of the API. A token never reaches pages, and never the
/// administration API; a person's cookie is not limited by scopes (roles decide).
/// </summary>
public static class ApiScopes
{
    public const string Notes = "liaison-notes";
    public const string Reference = "reference";
    public const string Notifications = "notifications";
    public const string Situation = "situation";
    public const string Gates = "gates";
    public const string Communications = "communications";
    public const string Meetings = "meetings";
    public const string Cooperation = "cooperation";
    public const string Translations = "translations";

    public static readonly string[] All = [Notes, Reference, Notifications, Situation, Gates, Communications, Meetings, Cooperation, Translations];

    /// <summary>The scope a request path needs, or null when no token may call it.</summary>
    public static string? Required(PathString path)
    {
        if (!path.StartsWithSegments("/api/v1", out var rest)) return null;
        var area = rest.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return area switch
        {
            Notes => Notes,
            Notifications => Notifications,
            "situation-reports" or "situation" => Situation,
            Gates => Gates,
            Communications => Communications,
            Meetings or "minutes" or "measures" or "agreements" => Meetings,
            "activities" or "recognitions" => Cooperation,
            "contacts" => Communications,
            "crossings" or "screening-extracts" or "permits" or "quarantine" or "vectors" or "traffic" or "goods-proposals" => Gates,
            "translations" or "translation-requests" => Translations,
            "glossary" => Reference,
            "gazetteer" or "parties" or "diseases" or "places" or "gate-pairs" or "agencies" => Reference,
            "me" => "",
            _ => null,
        };
    }
}

/// <summary>Part of every policy: a token principal passes only for API paths inside its scopes.</summary>
public sealed class TokenScopeRequirement : AuthorizationHandler<TokenScopeRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TokenScopeRequirement requirement)
    {
        if (context.User.Identity?.AuthenticationType != ApiTokenAuthentication.SchemeName)
        {
            context.Succeed(requirement);
            return Task.CompletedTask;
        }
        var http = context.Resource as HttpContext;
        var path = http?.Request.Path ?? PathString.Empty;
        var needed = ApiScopes.Required(path);
        var granted = context.User.FindAll(BorderlinkClaims.TokenScope).Select(c => c.Value).ToHashSet();
        if (needed is null || (needed.Length > 0 && !granted.Contains(needed)))
        {
            return Task.CompletedTask;
        }
        if (context.User.FindFirstValue(BorderlinkClaims.Gate) is { } gate && !GateScope.Allows(gate, http))
        {
            context.Fail(new AuthorizationFailureReason(this, GateScope.OutOfScope));
            return Task.CompletedTask;
        }
        context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
