using System.Security.Claims;
using Borderlink.Data;
using Borderlink.Sharing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Borderlink.Features.Accounts;

/// <summary>Adds party, agency, function and time zone to a person's cookie so every request knows them without a query.</summary>
public sealed class ClaimsFactory(UserManager<BorderlinkUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options, BorderlinkDb db)
    : UserClaimsPrincipalFactory<BorderlinkUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(BorderlinkUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var agency = await db.Agencies.AsNoTracking().Include(a => a.Party).FirstAsync(a => a.Id == user.AgencyId);
        identity.AddClaim(new Claim(BorderlinkClaims.Party, agency.PartyCode));
        identity.AddClaim(new Claim(BorderlinkClaims.Agency, agency.Id.ToString()));
        identity.AddClaim(new Claim(BorderlinkClaims.Function, agency.FunctionCode));
        identity.AddClaim(new Claim(BorderlinkClaims.TimeZone, user.TimeZone ?? agency.Party!.TimeZone));
        identity.AddClaim(new Claim(BorderlinkClaims.TwoFactor, user.TwoFactorEnabled ? "true" : "false"));
        return identity;
    }
}
