using Borderlink.Sharing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Borderlink.Features.Accounts;

/// <summary>
/// A machine client's credential, issued to one agency. Only the SHA-256 of the secret is stored; the secret is
/// shown once at creation.
/// </summary>
public sealed class ApiToken
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid AgencyId { get; set; }
    public required string PartyCode { get; set; }
    public required string Name { get; set; }
    /// <summary>Role the token acts with (viewer, officer, liaison).</summary>
    public required string Role { get; set; }
    /// <summary>"|"-separated scopes, e.g. "notes:read|notes:write".</summary>
    public string Scopes { get; set; } = "";
    /// <summary>When set, the token speaks for one gate pair only (a gate system): records for any other gate are refused.</summary>
    public string? GatePairCode { get; set; }
    public required string SecretHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }

    public Borderlink.Features.Reference.Agency? Agency { get; set; }

    public IReadOnlyList<string> ScopeList => Codes.Split(Scopes);

    public bool IsActive(DateTimeOffset now) => RevokedAt is null && now < ExpiresAt;
}

internal sealed class ApiTokenConfig : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> b)
    {
        b.HasKey(t => t.Id);
        b.HasIndex(t => t.SecretHash).IsUnique();
        b.HasOne(t => t.Agency).WithMany().HasForeignKey(t => t.AgencyId);
        b.Ignore(t => t.ScopeList);
    }
}
