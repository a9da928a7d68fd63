using System.Text.Json.Serialization;
using Borderlink.Sharing;
using Borderlink.Sharing.Exchange;

namespace Borderlink.Features.Situation;

/// <summary>How long a reporting period is: an ISO week normally, a day in an emergency.</summary>
public enum PeriodKind
{
    Week = 0,
    Day = 1,
}

/// <summary>
/// One party's aggregate counts for one period: a row per disease × place (the party itself or one of its places).
/// Shared by default with every partner of the mechanism; the rows travel with the record.
/// </summary>
[RecordType(TypeName)]
public sealed class SituationReport : CoordinationRecord
{
    public const string TypeName = "situation-report";

    public PeriodKind PeriodKind { get; set; }
    /// <summary>The Monday of the ISO week, or the day.</summary>
    public DateOnly PeriodStart { get; set; }
    /// <summary>Replace the list to change it (it is stored as one JSON value and compared by reference).</summary>
    public List<SituationRow> Rows { get; set; } = [];

    [JsonIgnore]
    public string Period => Periods.Format(PeriodKind, PeriodStart);
}

/// <summary>How report rows are stored and sent: web-style JSON.</summary>
public static class SituationJson
{
    public static readonly System.Text.Json.JsonSerializerOptions Options = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary>The counts for one disease at one place in one period.</summary>
public sealed class SituationRow
{
    public const int NoteMax = 500;

    public required string Disease { get; set; }
    public required string Place { get; set; }
    public int NewCases { get; set; }
    public int Deaths { get; set; }
    public int? Tests { get; set; }
    public int? ImportedCases { get; set; }
    public int? InQuarantine { get; set; }
    public string? Note { get; set; }
}

/// <summary>
/// One report's figures for one disease, as charts and the cross-border table read them: the party's own total row
/// when the report has one, otherwise the sum of its places. Kept by the save pipeline for every report this node
/// holds (its own and replicas), so charts aggregate in SQL; one row per report and disease keeps an import's writes
/// to a fraction of its rows. Never read without joining its report, whose visibility filter decides who sees it.
/// </summary>
public sealed class SituationFigure
{
    public Guid ReportId { get; set; }
    public required string Disease { get; set; }
    public int NewCases { get; set; }
    public int Deaths { get; set; }
    public int Tests { get; set; }
    public int ImportedCases { get; set; }
    public int InQuarantine { get; set; }

    /// <summary>The figures of each disease in a report.</summary>
    public static IEnumerable<SituationFigure> Of(SituationReport report) =>
        report.Rows.GroupBy(r => r.Disease, StringComparer.Ordinal).Select(rows =>
            rows.FirstOrDefault(r => r.Place == report.OwnerParty) is { } total
                ? new SituationFigure
                {
                    ReportId = report.Id, Disease = rows.Key, NewCases = total.NewCases, Deaths = total.Deaths, Tests = total.Tests ?? 0,
                    ImportedCases = total.ImportedCases ?? 0, InQuarantine = total.InQuarantine ?? 0,
                }
                : new SituationFigure
                {
                    ReportId = report.Id, Disease = rows.Key, NewCases = rows.Sum(r => r.NewCases), Deaths = rows.Sum(r => r.Deaths),
                    Tests = rows.Sum(r => r.Tests ?? 0), ImportedCases = rows.Sum(r => r.ImportedCases ?? 0), InQuarantine = rows.Sum(r => r.InQuarantine ?? 0),
                });
}

/// <summary>A checked upload waiting for its uploader to confirm that existing counts may be replaced.</summary>
public sealed class PendingImport
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string UserId { get; set; }
    public required string Party { get; set; }
    public required string FileName { get; set; }
    /// <summary>The checked rows, as JSON.</summary>
    public required string Rows { get; set; }
    public int RowCount { get; set; }
    public int Conflicts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
