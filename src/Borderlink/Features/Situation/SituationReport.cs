using System.Text.Json;
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

/// <summary>How report rows are stored in the database (not how they are sent: a partner gets named properties).</summary>
public static class SituationJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new StoredRowConverter() },
    };

    /// <summary>
    /// A stored row is a positional array, <c>["dengue","VN-09-DD",12,0,340,1,25,"note"]</c> (trailing empty values left
    /// out): an import writes a hundred thousand of them, and the names made up most of the bytes to serialise and store.
    /// Rows stored as objects by earlier versions are still read.
    /// </summary>
    private sealed class StoredRowConverter : JsonConverter<SituationRow>
    {
        private static readonly JsonSerializerOptions Named = new(JsonSerializerDefaults.Web);

        public override SituationRow Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.StartObject) return JsonSerializer.Deserialize<SituationRow>(ref reader, Named)!;
            if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("A stored situation row is an array.");
            var values = new object?[8];
            var at = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (at == values.Length) throw new JsonException("A stored situation row has at most 8 values.");
                values[at++] = reader.TokenType switch
                {
                    JsonTokenType.Null => null,
                    JsonTokenType.String => reader.GetString(),
                    JsonTokenType.Number => reader.GetInt32(),
                    _ => throw new JsonException("A stored situation row holds text, numbers and nulls."),
                };
            }
            if (at < 4) throw new JsonException("A stored situation row has a disease, a place, new cases and deaths.");
            return new SituationRow
            {
                Disease = (string)values[0]!, Place = (string)values[1]!, NewCases = (int)values[2]!, Deaths = (int)values[3]!, Tests = (int?)values[4],
                ImportedCases = (int?)values[5], InQuarantine = (int?)values[6], Note = (string?)values[7],
            };
        }

        public override void Write(Utf8JsonWriter writer, SituationRow row, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            writer.WriteStringValue(row.Disease);
            writer.WriteStringValue(row.Place);
            writer.WriteNumberValue(row.NewCases);
            writer.WriteNumberValue(row.Deaths);
            int?[] optional = [row.Tests, row.ImportedCases, row.InQuarantine];
            var last = row.Note is not null ? optional.Length : Array.FindLastIndex(optional, v => v.HasValue) + 1;
            for (var i = 0; i < last; i++)
            {
                if (optional[i] is { } value) writer.WriteNumberValue(value);
                else writer.WriteNullValue();
            }
            if (row.Note is not null) writer.WriteStringValue(row.Note);
            writer.WriteEndArray();
        }
    }
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
