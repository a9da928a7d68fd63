using Borderlink.Features.Accounts;
using Borderlink.Sharing;
using Microsoft.AspNetCore.Authorization;

namespace Borderlink.Web;

/// <summary>The named authorization policies. Every endpoint and page names one of these, or is anonymous on purpose.</summary>
public static class Policies
{
    /// <summary>Any signed-in member of a party, person or machine.</summary>
    public const string Reader = "reader";
    /// <summary>May draft and edit their party's records.</summary>
    public const string Officer = "officer";
    /// <summary>May share their party's records with partners.</summary>
    public const string Liaison = "liaison";
    /// <summary>Manages their own party's agencies, users, tokens, reference data and audit trail.</summary>
    public const string Administrator = "administrator";

    public static readonly string[] OfficerRoles = [Roles.Officer, Roles.Liaison, Roles.Coordinator];
    public static readonly string[] LiaisonRoles = [Roles.Liaison, Roles.Coordinator];

    public static void Configure(AuthorizationBuilder auth)
    {
        auth.AddPolicy(Reader, p => Member(p));
        auth.AddPolicy(Officer, p => Member(p).RequireRole(OfficerRoles));
        auth.AddPolicy(Liaison, p => Member(p).RequireRole(LiaisonRoles));
        // Administration is for people only: a token is never issued the administrator role, and the scope rule refuses it too.
        auth.AddPolicy(Administrator, p => Member(p).RequireRole(Roles.Administrator));
        // Anything that forgets to declare a rule is still closed to strangers; the inventory test makes forgetting fail.
        auth.SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
    }

    /// <summary>Signed in, belongs to a party, and — for a machine token — calling inside its scopes.</summary>
    private static AuthorizationPolicyBuilder Member(AuthorizationPolicyBuilder p) =>
        p.RequireAuthenticatedUser().RequireClaim(BorderlinkClaims.Party).AddRequirements(new TokenScopeRequirement());
}
