using Borderlink.Sharing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Borderlink.Features.Reference;

/// <summary>A jurisdiction in the mechanism, keyed by its ISO 3166-2 code. Parties are data: they begin, end and have successors.</summary>
public sealed class Party : IRenamable
{
    public required string Code { get; set; }
    public required string Country { get; set; }
    public string Kind { get; set; } = "";
    public required string NameEn { get; set; }
    public string NameVi { get; set; } = "";
    public string NameZh { get; set; } = "";
    public string NameFr { get; set; } = "";
    /// <summary>Other spellings, "|"-separated, used by the gazetteer.</summary>
    public string Aliases { get; set; } = "";
    public required string TimeZone { get; set; }
    /// <summary>Working languages as "|"-separated culture names, e.g. "vi|en".</summary>
    public string Languages { get; set; } = "en";

    /// <summary><see cref="Languages"/> as a list, the main language first.</summary>
    public IReadOnlyList<string> LanguageList => Codes.Split(Languages);
    public DateOnly? ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public string? SuccessorCode { get; set; }

    public bool IsCurrent(DateOnly day) => (ValidFrom is null || ValidFrom <= day) && (ValidTo is null || day <= ValidTo);
}

/// <summary>Two parties that exchange within the mechanism (e.g. Guangxi and Lang Son).</summary>
public sealed class Partnership
{
    public required string PartyA { get; set; }
    public required string PartyB { get; set; }
    /// <summary>What the two exchange, in words; categories become data as features arrive.</summary>
    public string Scope { get; set; } = "";
}

internal sealed class PartyConfig : IEntityTypeConfiguration<Party>
{
    public void Configure(EntityTypeBuilder<Party> b)
    {
        b.HasKey(p => p.Code);
        b.Property(p => p.Code).HasMaxLength(16);
        b.Property(p => p.Country).HasMaxLength(2);
        b.Property(p => p.SuccessorCode).HasMaxLength(16);
    }
}

internal sealed class PartnershipConfig : IEntityTypeConfiguration<Partnership>
{
    public void Configure(EntityTypeBuilder<Partnership> b) => b.HasKey(p => new { p.PartyA, p.PartyB });
}
