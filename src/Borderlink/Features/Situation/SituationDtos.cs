using Borderlink.Features.Gazetteer;
using Borderlink.Features.Reference;
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

/// <summary>A place's line of the breakdown, named in the caller's language with what it lies within (county, prefecture; not the party).</summary>
public sealed record PlaceLineDto(string Party, string Place, string PlaceName, IReadOnlyList<string> Within, int NewCases, int? PreviousNewCases, int Deaths)
{
    public static PlaceLineDto From(PlaceLine line, GazetteerIndex gazetteer) => gazetteer.Find(line.Place) is { } entry
        ? new(line.Party, line.Place, entry.Names.Name(), gazetteer.ParentsOf(entry).Where(p => p.Kind != GazetteerKind.Party).Select(p => p.Names.Name()).ToList(),
            line.NewCases, line.PreviousNewCases, line.Deaths)
        : new(line.Party, line.Place, line.Place, [], line.NewCases, line.PreviousNewCases, line.Deaths);
}
