using Borderlink.Features.Accounts;
using Borderlink.Features.Reference;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Borderlink.Data;

/// <summary>
/// The demo node: every current party of the mechanism this node hosts (all of them on the one-node demo), an agency
/// of each function per party, and one user per party and role. Runs only on an empty user table.
/// </summary>
public sealed class DemoSeeder(BorderlinkDb db, UserManager<BorderlinkUser> users, IUserStore<BorderlinkUser> userStore, RoleManager<IdentityRole> roles,
    IOptions<DemoOptions> options, TimeProvider clock, Borderlink.Sharing.Exchange.LocalNode node, ILogger<DemoSeeder> logger)
{
    /// <summary>The e-mail domain of every demo user (a reserved name that reaches nobody), by which they are recognised.</summary>
    public const string EmailDomain = "@demo.borderlink.invalid";

    /// <summary>Login prefix per party, e.g. "langson.officer".</summary>
    public static readonly IReadOnlyDictionary<string, string> PartySlugs = new Dictionary<string, string>
    {
        ["CN-GX"] = "guangxi", ["CN-YN"] = "yunnan", ["VN-13"] = "quangninh", ["VN-09"] = "langson",
        ["VN-04"] = "caobang", ["VN-07"] = "tuyenquang", ["VN-02"] = "laocai",
    };

    /// <summary>Demo login suffix → (role, agency function).</summary>
    public static readonly IReadOnlyList<(string Suffix, string Role, string Function)> DemoAccounts =
    [
        ("viewer", Roles.Viewer, "disease-control"),
        ("officer", Roles.Officer, "health"),
        ("liaison", Roles.Liaison, "foreign-affairs"),
        ("coordinator", Roles.Coordinator, "foreign-affairs"),
        ("admin", Roles.Administrator, "foreign-affairs"),
        ("police", Roles.Officer, "public-security"),
        ("border", Roles.Liaison, "border-defence"),
    ];

    public async Task<IReadOnlyList<string>> SeedAsync(CancellationToken ct = default)
    {
        foreach (var role in Roles.All.Where(r => !roles.Roles.Any(x => x.Name == r)))
        {
            await roles.CreateAsync(new IdentityRole(role));
        }
        if (await db.Users.AnyAsync(ct))
        {
            return [];
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var parties = (await db.Parties.ToListAsync(ct)).Where(p => p.IsCurrent(today) && PartySlugs.ContainsKey(p.Code) && node.Hosts(p.Code)).ToList();
        var functions = await db.AgencyFunctions.ToListAsync(ct);
        var agencies = new List<Agency>();
        foreach (var party in parties)
        {
            foreach (var function in functions)
            {
                agencies.Add(new Agency
                {
                    PartyCode = party.Code, FunctionCode = function.Code,
                    NameEn = $"{function.NameEn} — {party.NameEn}", NameVi = $"{function.NameVi} — {party.NameVi}",
                    NameZh = $"{party.NameZh}{function.NameZh}", NameFr = $"{function.NameFr} — {party.NameFr}",
                });
            }
        }
        db.Agencies.AddRange(agencies);
        await db.SaveChangesAsync(ct);

        // One hash for the shared demo password: hashing it once per demo user (49) would only slow the first start.
        var passwordHash = users.PasswordHasher.HashPassword(new BorderlinkUser(), options.Value.Password);
        // One save for all of them: Identity's store otherwise saves after each user and after each role given (~100
        // saves, each through the save pipeline). The store is the user manager's: both are the scope's.
        if (userStore is not UserStore<BorderlinkUser, IdentityRole, BorderlinkDb, string, IdentityUserClaim<string>, IdentityUserRole<string>,
            IdentityUserLogin<string>, IdentityUserToken<string>, IdentityRoleClaim<string>, IdentityUserPasskey<string>> store)
        {
            throw new InvalidOperationException($"Unexpected user store {userStore.GetType()}");
        }
        store.AutoSaveChanges = false;
        var roleIds = await roles.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, ct);
        var logins = new List<string>();
        foreach (var party in parties)
        {
            foreach (var (suffix, role, function) in DemoAccounts)
            {
                var agency = agencies.Single(a => a.PartyCode == party.Code && a.FunctionCode == function);
                var name = $"{PartySlugs[party.Code]}.{suffix}";
                var user = new BorderlinkUser
                {
                    UserName = name, Email = name + EmailDomain, EmailConfirmed = true,
                    DisplayName = $"{party.NameEn} {suffix}", AgencyId = agency.Id, PartyCode = party.Code,
                    PreferredLanguage = party.Country == "CN" ? "zh-Hans" : "vi", PasswordHash = passwordHash,
                };
                Check(await users.CreateAsync(user), name);
                // Added as a row: the manager's AddToRoleAsync would also update the user, which is not stored yet.
                db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleIds[role] });
                logins.Add(name);
            }
        }
        await db.SaveChangesAsync(ct);
        store.AutoSaveChanges = true; // as the rest of the scope expects it
        logger.LogInformation("Demo data: {Agencies} agencies and {Users} users created", agencies.Count, logins.Count);
        return logins;
    }

    private static void Check(IdentityResult result, string user)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Demo user {user}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
