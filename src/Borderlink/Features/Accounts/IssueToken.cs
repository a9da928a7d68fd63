using Borderlink.Data;
using Borderlink.Features.Reference;
using Borderlink.Features.Audit;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Accounts;

/// <summary>An administrator issues a token to one agency of their own party. The secret is returned once and stored only as a hash.</summary>
public static class IssueToken
{
    public const int MaxDays = 365;
    public static readonly string[] TokenRoles = [Roles.Viewer, Roles.Officer, Roles.Liaison];

    public sealed record Request(Guid AgencyId, string? Name, string? Role, IReadOnlyList<string>? Scopes, int ExpiresInDays = 90, string? GatePair = null);

    public sealed record Issued(ApiToken Token, string Secret);

    public static async Task<Outcome<Issued>> HandleAsync(BorderlinkDb db, TimeProvider clock, Request request, CancellationToken ct = default)
    {
        var party = db.Viewer.Party!;
        var errors = new List<FieldError>();
        var agency = await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Id == request.AgencyId && a.PartyCode == party, ct);
        if (agency is null) errors.Add(new("agencyId", "Error.UnknownAgency"));
        if (string.IsNullOrWhiteSpace(request.Name)) errors.Add(new("name", "Error.Required"));
        else if (request.Name.Length > 100) errors.Add(new("name", "Error.TooLong", 100));
        if (request.Role is null || !TokenRoles.Contains(request.Role)) errors.Add(new("role", "Error.UnknownRole", request.Role ?? ""));
        var scopes = request.Scopes ?? [];
        if (scopes.Count == 0) errors.Add(new("scopes", "Error.Required"));
        errors.AddRange(scopes.Where(s => !ApiScopes.All.Contains(s)).Select(s => new FieldError("scopes", "Error.UnknownScope", s)));
        if (request.ExpiresInDays is < 1 or > MaxDays) errors.Add(new("expiresInDays", "Error.Range", 1, MaxDays));
        var gate = string.IsNullOrWhiteSpace(request.GatePair) ? null : request.GatePair.Trim();
        if (gate is not null && !await db.GatePairs.OfParty(party).AnyAsync(g => g.Code == gate, ct))
            errors.Add(new("gatePair", "Error.UnknownGate", gate));
        if (errors.Count > 0)
        {
            return new Outcome<Issued>.Invalid(errors);
        }

        var secret = ApiTokenAuthentication.NewSecret();
        var now = clock.GetUtcNow();
        var token = new ApiToken
        {
            AgencyId = agency!.Id, PartyCode = party, Name = request.Name!.Trim(), Role = request.Role!,
            Scopes = string.Join('|', scopes.Distinct()), GatePairCode = gate, SecretHash = ApiTokenAuthentication.Hash(secret),
            CreatedAt = now, CreatedBy = db.Viewer.Name, ExpiresAt = now.AddDays(request.ExpiresInDays),
        };
        db.ApiTokens.Add(token);
        db.Audit(AuditActions.Admin, AuditOutcomes.Ok, detail: AuditDetail.TokenIssued(token.Name, agency.Name(), token.Role, token.ScopeList, gate));
        await db.SaveChangesAsync(ct);
        return new Outcome<Issued>.Done(new Issued(token, secret), Created: true);
    }

    /// <summary>Revokes a token of the administrator's own party; another party's token is simply not found.</summary>
    public static async Task<Outcome<ApiToken>> RevokeAsync(BorderlinkDb db, TimeProvider clock, Guid id, CancellationToken ct = default)
    {
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id && t.PartyCode == db.Viewer.Party, ct);
        if (token is null)
        {
            db.Audit(AuditActions.Refused, AuditOutcomes.NotFound, detail: AuditDetail.TokenUnknown(id.ToString()!));
            await db.SaveChangesAsync(ct);
            return new Outcome<ApiToken>.NotFound();
        }
        token.RevokedAt ??= clock.GetUtcNow();
        db.Audit(AuditActions.Admin, AuditOutcomes.Ok, detail: AuditDetail.TokenRevoked(token.Name));
        await db.SaveChangesAsync(ct);
        return new Outcome<ApiToken>.Done(token);
    }
}
