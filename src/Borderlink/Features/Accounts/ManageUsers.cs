using Borderlink.Data;
using Borderlink.Features.Audit;
using Borderlink.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Accounts;

public sealed record UserDto(string Id, string UserName, string DisplayName, Guid AgencyId, IReadOnlyList<string> Roles, bool Locked,
    bool TwoFactorEnabled, string? PreferredLanguage, string? TimeZone);

/// <summary>
/// A party's administrators create and change the accounts of their own party only. Every change is audited; an
/// administrator cannot take the administrator role away from themselves.
/// </summary>
public sealed class ManageUsers(BorderlinkDb db, UserManager<BorderlinkUser> users, TimeProvider clock)
{
    public sealed record CreateRequest(string? UserName, string? DisplayName, Guid AgencyId, IReadOnlyList<string>? Roles, string? Password, string? PreferredLanguage);

    public sealed record UpdateRequest(string? DisplayName, Guid AgencyId, IReadOnlyList<string>? Roles, bool Locked);

    private string Party => db.Viewer.Party!;

    public async Task<List<UserDto>> ListAsync(CancellationToken ct = default)
    {
        var list = await db.Users.AsNoTracking().Where(u => u.PartyCode == Party).OrderBy(u => u.UserName).ToListAsync(ct);
        var result = new List<UserDto>();
        foreach (var u in list) result.Add(await ToDtoAsync(u));
        return result;
    }

    public async Task<Outcome<UserDto>> GetAsync(string id)
    {
        var user = await users.FindByIdAsync(id);
        return user is null || user.PartyCode != Party ? new Outcome<UserDto>.NotFound() : new Outcome<UserDto>.Done(await ToDtoAsync(user));
    }

    public async Task<Outcome<UserDto>> CreateAsync(CreateRequest request, CancellationToken ct = default)
    {
        var errors = await CheckAsync(request.AgencyId, request.Roles, ct);
        if (string.IsNullOrWhiteSpace(request.UserName)) errors.Add(new("userName", "Error.Required"));
        if (string.IsNullOrWhiteSpace(request.Password)) errors.Add(new("password", "Error.Required"));
        if (request.PreferredLanguage is { Length: > 0 } lang && !Languages.IsSupported(lang)) errors.Add(new("preferredLanguage", "Error.UnknownLanguage"));
        if (errors.Count > 0) return new Outcome<UserDto>.Invalid(errors);

        var user = new BorderlinkUser
        {
            UserName = request.UserName!.Trim(), DisplayName = request.DisplayName?.Trim() ?? "", AgencyId = request.AgencyId, PartyCode = Party,
            PreferredLanguage = Languages.Canonical(request.PreferredLanguage),
        };
        var created = await users.CreateAsync(user, request.Password!);
        if (!created.Succeeded) return new Outcome<UserDto>.Invalid(IdentityErrors(created));
        await users.AddToRolesAsync(user, request.Roles!.Distinct());
        db.Audit(AuditActions.Admin, AuditOutcomes.Ok, detail: AuditDetail.UserCreated(user.UserName!, user.AgencyId, request.Roles!));
        await db.SaveChangesAsync(ct);
        return new Outcome<UserDto>.Done(await ToDtoAsync(user), Created: true);
    }

    public async Task<Outcome<UserDto>> UpdateAsync(string id, UpdateRequest request, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null || user.PartyCode != Party)
        {
            db.Audit(AuditActions.Refused, AuditOutcomes.NotFound, detail: AuditDetail.UserOutsideParty(id.ToString()!));
            await db.SaveChangesAsync(ct);
            return new Outcome<UserDto>.NotFound();
        }
        var errors = await CheckAsync(request.AgencyId, request.Roles, ct);
        if (user.Id == db.Viewer.UserId && (request.Roles is null || !request.Roles.Contains(Roles.Administrator)))
            errors.Add(new("roles", "Error.KeepOwnAdmin"));
        if (user.Id == db.Viewer.UserId && request.Locked) errors.Add(new("locked", "Error.KeepOwnAdmin"));
        if (errors.Count > 0) return new Outcome<UserDto>.Invalid(errors);

        user.DisplayName = request.DisplayName?.Trim() ?? user.DisplayName;
        user.AgencyId = request.AgencyId;
        await users.UpdateAsync(user);
        var current = await users.GetRolesAsync(user);
        await users.RemoveFromRolesAsync(user, current.Except(request.Roles!));
        await users.AddToRolesAsync(user, request.Roles!.Except(current).Distinct());
        await users.SetLockoutEndDateAsync(user, request.Locked ? DateTimeOffset.MaxValue : null);
        if (!request.Locked) await users.ResetAccessFailedCountAsync(user);
        // Roles and agency are in the cookie: a new security stamp signs the user out everywhere.
        await users.UpdateSecurityStampAsync(user);
        db.Audit(AuditActions.Admin, AuditOutcomes.Ok, detail: AuditDetail.UserChanged(user.UserName!, user.AgencyId, request.Roles!, request.Locked == true));
        await db.SaveChangesAsync(ct);
        return new Outcome<UserDto>.Done(await ToDtoAsync(user));
    }

    private async Task<List<FieldError>> CheckAsync(Guid agencyId, IReadOnlyList<string>? roles, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (!await db.Agencies.AnyAsync(a => a.Id == agencyId && a.PartyCode == Party, ct)) errors.Add(new("agencyId", "Error.UnknownAgency"));
        if (roles is null || roles.Count == 0) errors.Add(new("roles", "Error.Required"));
        else errors.AddRange(roles.Where(r => !Roles.All.Contains(r)).Select(r => new FieldError("roles", "Error.UnknownRole", r)));
        return errors;
    }

    private async Task<UserDto> ToDtoAsync(BorderlinkUser u) =>
        new(u.Id, u.UserName!, u.DisplayName, u.AgencyId, (await users.GetRolesAsync(u)).Order().ToList(),
            u.LockoutEnd is { } end && end > clock.GetUtcNow(), u.TwoFactorEnabled, u.PreferredLanguage, u.TimeZone);

    private static List<FieldError> IdentityErrors(IdentityResult result) =>
        result.Errors.Select(e => new FieldError(e.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "userName",
            e.Code.Contains("Password", StringComparison.Ordinal) ? "Error.WeakPassword" : e.Code == "DuplicateUserName" ? "Error.UserNameTaken" : "Error.InvalidUserName")).Distinct().ToList();
}
