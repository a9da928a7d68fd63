using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Borderlink.Data;
using Borderlink.Sharing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Borderlink.Features.Accounts;

/// <summary>
/// Authenticates machine clients by <c>Authorization: Bearer bl_…</c>. The token's agency gives the principal its
/// party and function, so tokens pass the same policies and the same visibility filter as people.
/// </summary>
public sealed class ApiTokenAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    BorderlinkDb db, TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    public const string Prefix = "bl_";

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>A new secret: the prefix and 32 random bytes, URL-safe.</summary>
    public static string NewSecret() => Prefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var secret = header["Bearer ".Length..].Trim();
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return AuthenticateResult.Fail("Not a Borderlink token.");
        }
        var hash = Hash(secret);
        var token = await db.ApiTokens.Include(t => t.Agency).FirstOrDefaultAsync(t => t.SecretHash == hash, Context.RequestAborted);
        var now = clock.GetUtcNow();
        if (token is null || !token.IsActive(now) || token.Agency is null)
        {
            return AuthenticateResult.Fail("Unknown, expired or revoked token.");
        }
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(5))
        {
            token.LastUsedAt = now;
            await db.SaveChangesAsync(Context.RequestAborted);
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, "token:" + token.Id),
            new(ClaimTypes.Name, "token:" + token.Name),
            new(ClaimTypes.Role, token.Role),
            new(BorderlinkClaims.Party, token.PartyCode),
            new(BorderlinkClaims.Agency, token.AgencyId.ToString()),
            new(BorderlinkClaims.Function, token.Agency.FunctionCode),
        };
        claims.AddRange(token.ScopeList.Select(s => new Claim(BorderlinkClaims.TokenScope, s)));
        if (token.GatePairCode is { } gate) claims.Add(new Claim(BorderlinkClaims.Gate, gate));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
