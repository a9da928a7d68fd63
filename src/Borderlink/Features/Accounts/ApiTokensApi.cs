using Borderlink.Data;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Borderlink.Features.Accounts;

public sealed record ApiTokenDto(Guid Id, Guid AgencyId, string Name, string Role, IReadOnlyList<string> Scopes,
    DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt, string? GatePair)
{
    public static ApiTokenDto From(ApiToken t) =>
        new(t.Id, t.AgencyId, t.Name, t.Role, t.ScopeList, t.CreatedAt, t.CreatedBy, t.ExpiresAt, t.RevokedAt, t.LastUsedAt, t.GatePairCode);
}

/// <summary>The token with its secret, answered once at creation.</summary>
public sealed record IssuedTokenDto(ApiTokenDto Token, string Secret);

/// <summary>/api/v1/api-tokens: administrators issue, list and revoke their party's machine tokens.</summary>
public static class ApiTokensApi
{
    public static IEndpointRouteBuilder MapApiTokensApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/api-tokens").WithTags("Administration").RequireAuthorization(Policies.Administrator);

        group.MapGet("/", async (BorderlinkDb db, CancellationToken ct) =>
                TypedResults.Ok((await db.ApiTokens.AsNoTracking().Where(t => t.PartyCode == db.Viewer.Party).OrderByDescending(t => t.CreatedAt).ToListAsync(ct))
                    .Select(ApiTokenDto.From).ToList()))
            .WithName("ListApiTokens").WithSummary("The party's machine tokens (never their secrets).");

        group.MapPost("/", async (BorderlinkDb db, TimeProvider clock, IStringLocalizer<SharedResource> L, IssueToken.Request request, CancellationToken ct) =>
                ApiResults.From(await IssueToken.HandleAsync(db, clock, request, ct), L, i => new IssuedTokenDto(ApiTokenDto.From(i.Token), i.Secret)))
            .RequireRateLimiting("credentials")
            .WithName("IssueApiToken").WithSummary("Issue a token to one of the party's agencies. The secret is in this answer only.")
            .Produces<IssuedTokenDto>(201).ProducesValidationProblem();

        group.MapDelete("/{id:guid}", async (BorderlinkDb db, TimeProvider clock, IStringLocalizer<SharedResource> L, Guid id, CancellationToken ct) =>
                ApiResults.From(await IssueToken.RevokeAsync(db, clock, id, ct), L, ApiTokenDto.From))
            .WithName("RevokeApiToken").WithSummary("Revoke a token at once.")
            .Produces<ApiTokenDto>().ProducesProblem(404);
        return app;
    }
}
