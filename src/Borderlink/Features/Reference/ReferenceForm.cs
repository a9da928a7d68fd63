namespace Borderlink.Features.Reference;

/// <summary>The posted fields of every reference edit form; each page reads the ones it shows.</summary>
public sealed class ReferenceForm
{
    public string? NameEn { get; set; }
    public string? NameVi { get; set; }
    public string? NameZh { get; set; }
    public string? NameFr { get; set; }
    public string? Aliases { get; set; }
    public string? Code { get; set; }
    public string? Icd10 { get; set; }
    public string? CnClass { get; set; }
    public string? VnGroup { get; set; }
    public int? CnReportHours { get; set; }
    public int? VnReportHours { get; set; }
    public bool Notifiable { get; set; }
    public string? TimeZone { get; set; }
    public DateOnly? ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public string? SuccessorCode { get; set; }
    public string? ParentCode { get; set; }
    public string? PartyCode { get; set; }
    public string? Level { get; set; }
    public string? VnGate { get; set; }
    public string? CnGate { get; set; }

    public NamesInput Names => new(NameEn, NameVi, NameZh, NameFr, Aliases);

    public static ReferenceForm From(IRenamable e) =>
        new() { NameEn = e.NameEn, NameVi = e.NameVi, NameZh = e.NameZh, NameFr = e.NameFr, Aliases = e.Aliases };
}
