using Borderlink.Sharing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Borderlink.Features.Reference;

/// <summary>
/// A gazetteer entry below party level: a prefecture, county, town or township on the Chinese side, a commune or ward on
/// the Vietnamese side, or a unit abolished in a reorganisation (Vietnam's districts and communes before 1 July 2025),
/// kept as a historical name with its successors. Its parent chain ends at its party, so whatever is placed here counts
/// for that party.
/// </summary>
public sealed class Place : IRenamable
{
    public required string Code { get; set; }
    public string? ParentCode { get; set; }
    public required string PartyCode { get; set; }
    /// <summary>A <see cref="PlaceLevels"/> code (words in four languages: "PlaceLevel." + level).</summary>
    public string Level { get; set; } = "";
    /// <summary>The statistics office's code (Vietnam's GSO, China's NBS); "D…" for a former Vietnamese district.</summary>
    public string OfficialCode { get; set; } = "";
    /// <summary>The last day the unit existed; null while it does.</summary>
    public DateOnly? ValidTo { get; set; }
    /// <summary>The places it became, "|"-separated codes, for a unit that no longer exists.</summary>
    public string Successors { get; set; } = "";

    public IReadOnlyList<string> SuccessorList => Codes.Split(Successors);
    public required string NameEn { get; set; }
    public string NameVi { get; set; } = "";
    public string NameZh { get; set; } = "";
    public string NameFr { get; set; } = "";
    public string Aliases { get; set; } = "";
}

/// <summary>One gate on each side of the border, handled together.</summary>
public sealed class GatePair : IRenamable
{
    public required string Code { get; set; }
    public required string VnParty { get; set; }
    public required string CnParty { get; set; }
    public required string NameEn { get; set; }
    public string NameVi { get; set; } = "";
    public string NameZh { get; set; } = "";
    public string NameFr { get; set; } = "";
    public string VnGate { get; set; } = "";
    public string CnGate { get; set; } = "";
    public string? CnPlace { get; set; }
    public string Mode { get; set; } = "";
    public string Level { get; set; } = "";
    /// <summary>Flows handled, "|"-separated: people, goods, vehicles.</summary>
    public string Flows { get; set; } = "";
    public string Aliases { get; set; } = "";

    /// <summary>Whether the party keeps one of the pair's two gates.</summary>
    public bool HasSide(string? party) => party is not null && (VnParty == party || CnParty == party);

    /// <summary>The party across the border from <paramref name="party"/> at this pair.</summary>
    public string Across(string party) => VnParty == party ? CnParty : VnParty;
}

public static class GatePairQueries
{
    /// <summary>The pairs where the party keeps one of the gates (translated to SQL).</summary>
    public static IQueryable<GatePair> OfParty(this IQueryable<GatePair> pairs, string? party) => pairs.Where(g => g.VnParty == party || g.CnParty == party);
}

/// <summary>A notifiable disease with both countries' reporting hours.</summary>
public sealed class Disease : IRenamable
{
    public const int IhrHours = 24;

    public required string Code { get; set; }
    public string Icd10 { get; set; } = "";
    public required string NameEn { get; set; }
    public string NameVi { get; set; } = "";
    public string NameZh { get; set; } = "";
    public string NameFr { get; set; } = "";
    /// <summary>Other names, "|"-separated (e.g. "Monkeypox" for mpox).</summary>
    public string Aliases { get; set; } = "";
    public string CnClass { get; set; } = "";
    public string VnGroup { get; set; } = "";
    public string IhrAnnex2 { get; set; } = "";
    public int? CnReportHours { get; set; }
    public int? VnReportHours { get; set; }
    public bool Notifiable { get; set; } = true;

    /// <summary>
    /// The acknowledgement deadline the law gives: the stricter of the two countries' reporting hours, IHR's 24 h where
    /// neither sets one. Only a shared rule both sides accepted replaces it (Features/Rules), never one side alone.
    /// </summary>
    public int AcknowledgementHours =>
        new[] { CnReportHours, VnReportHours }.Where(h => h is > 0).Select(h => h!.Value).DefaultIfEmpty(IhrHours).Min();
}

/// <summary>The levels of places, each with words in four languages ("PlaceLevel." + code).</summary>
public static class PlaceLevels
{
    public static readonly string[] All =
    [
        "prefecture", "autonomous-prefecture", "county", "autonomous-county", "county-city", "district", "town", "township", "ethnic-township",
        "subdistrict", "farm", "special-area", "commune", "ward", "special-zone", "former-district", "former-city", "former-town", "former-commune",
        "former-ward", "former-township",
    ];

    /// <summary>The words for a level; a level an administrator typed that is not a known code is shown as typed.</summary>
    public static string Words(Microsoft.Extensions.Localization.IStringLocalizer L, string level)
    {
        if (level.Length == 0) return "";
        var words = L["PlaceLevel." + level];
        return words.ResourceNotFound ? level : words.Value;
    }
}

internal sealed class PlaceConfig : IEntityTypeConfiguration<Place>
{
    public void Configure(EntityTypeBuilder<Place> b)
    {
        b.HasKey(p => p.Code);
        b.Ignore(p => p.SuccessorList);
        b.Property(p => p.OfficialCode).HasMaxLength(16);
    }
}

internal sealed class GatePairConfig : IEntityTypeConfiguration<GatePair>
{
    public void Configure(EntityTypeBuilder<GatePair> b) => b.HasKey(g => g.Code);
}

internal sealed class DiseaseConfig : IEntityTypeConfiguration<Disease>
{
    public void Configure(EntityTypeBuilder<Disease> b)
    {
        b.HasKey(d => d.Code);
        b.Ignore(d => d.AcknowledgementHours);
    }
}
