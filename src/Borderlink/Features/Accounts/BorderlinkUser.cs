using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Borderlink.Features.Accounts;

/// <summary>A person: belongs to one agency of one party.</summary>
public sealed class BorderlinkUser : IdentityUser
{
    public Guid AgencyId { get; set; }
    /// <summary>Copied from the agency so filters and claims need no join.</summary>
    public string PartyCode { get; set; } = "";
    public string DisplayName { get; set; } = "";
    /// <summary>UI culture name (en, vi, zh-Hans, fr); null follows the browser.</summary>
    public string? PreferredLanguage { get; set; }
    /// <summary>IANA zone; null means the party's zone.</summary>
    public string? TimeZone { get; set; }
    /// <summary>Once a day, by e-mail, the alerts this user has not read (see <c>SendAlertDigests</c>); off unless the user turns it on.</summary>
    public bool AlertDigest { get; set; }
    /// <summary>When the last digest was made for this user (sent, or found empty).</summary>
    public DateTimeOffset? AlertDigestAt { get; set; }
}

/// <summary>The five roles of DESIGN.md §2. A user may hold several.</summary>
public static class Roles
{
    public const string Viewer = "viewer";
    public const string Officer = "officer";
    public const string Liaison = "liaison";
    public const string Coordinator = "coordinator";
    public const string Administrator = "administrator";

    public static readonly string[] All = [Viewer, Officer, Liaison, Coordinator, Administrator];
}

internal sealed class UserConfig : IEntityTypeConfiguration<BorderlinkUser>
{
    public void Configure(EntityTypeBuilder<BorderlinkUser> b)
    {
        b.Property(u => u.PartyCode).HasMaxLength(16);
        b.HasIndex(u => u.PartyCode);
    }
}
