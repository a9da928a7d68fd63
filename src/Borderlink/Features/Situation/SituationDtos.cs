using Borderlink.Sharing;
using Microsoft.Extensions.Localization;

namespace Borderlink.Features.Situation;

public sealed record SituationReportDto(Guid Id, string OwnerParty, long Version, Visibility Visibility, IReadOnlyList<string> Audience,
    IReadOnlyList<string> RestrictedTo, string Period, PeriodKind PeriodKind, DateOnly PeriodStart, IReadOnlyList<SituationRow> Rows,
    DateTimeOffset UpdatedAt, string UpdatedBy)
{
    public static SituationReportDto From(SituationReport r) => new(r.Id, r.OwnerParty, r.Version, r.Visibility, r.Audience, r.Restriction, r.Period,
        r.PeriodKind, r.PeriodStart, r.Rows, r.UpdatedAt, r.UpdatedBy);
}

public sealed record ImportResultDto(string Status, int Rows, int Periods, int Replaced, Guid? PendingImport = null, int Conflicts = 0,
    IReadOnlyList<string>? Examples = null);

/// <summary>One problem of a refused import, in the caller's language: row 0 means the file as a whole, row 1 its header.</summary>
public sealed record ImportProblemDto(int Row, string? Column, string Message)
{
    public static ImportProblemDto From(ImportProblem p, IStringLocalizer L) => new(p.Row, p.Column, L[p.MessageKey, p.Args]);
}

public sealed record RowsRequest(IReadOnlyList<ImportSituation.Entry>? Rows);
