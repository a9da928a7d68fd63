using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Borderlink.Features.Reference;

/// <summary>What an agency does in the mechanism (foreign affairs, health, customs, public security…).</summary>
public sealed class AgencyFunction : INamed
{
    public required string Code { get; set; }
    public required string NameEn { get; set; }
    public string NameVi { get; set; } = "";
    public string NameZh { get; set; } = "";
    public string NameFr { get; set; } = "";
    /// <summary>Functions whose exchanges (crime, illegal crossings) are normally Restricted to themselves.</summary>
    public bool RestrictedExchange { get; set; }
}

/// <summary>An agency of one party, with one function.</summary>
public sealed class Agency : INamed
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string PartyCode { get; set; }
    public required string FunctionCode { get; set; }
    public required string NameEn { get; set; }
    public string NameVi { get; set; } = "";
    public string NameZh { get; set; } = "";
    public string NameFr { get; set; } = "";
    public string Hotline { get; set; } = "";
    public bool Active { get; set; } = true;

    public Party? Party { get; set; }
    public AgencyFunction? Function { get; set; }
}

internal sealed class AgencyFunctionConfig : IEntityTypeConfiguration<AgencyFunction>
{
    public void Configure(EntityTypeBuilder<AgencyFunction> b)
    {
        b.HasKey(f => f.Code);
        b.Property(f => f.Code).HasMaxLength(40);
    }
}

internal sealed class AgencyConfig : IEntityTypeConfiguration<Agency>
{
    public void Configure(EntityTypeBuilder<Agency> b)
    {
        b.HasKey(a => a.Id);
        b.HasOne(a => a.Party).WithMany().HasForeignKey(a => a.PartyCode);
        b.HasOne(a => a.Function).WithMany().HasForeignKey(a => a.FunctionCode);
        b.HasIndex(a => new { a.PartyCode, a.FunctionCode });
    }
}
