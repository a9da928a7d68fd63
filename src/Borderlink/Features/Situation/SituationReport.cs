using System.Text.Json;
using System.Text.Json.Serialization;
using Borderlink.Sharing;
using Borderlink.Sharing.Exchange;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

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
[RecordPage("/situation/reports/{Id}")]
public sealed class SituationReport : CoordinationRecord
{
    public const string TypeName = "situation-report";

    public PeriodKind PeriodKind { get; set; }
    /// <summary>The Monday of the ISO week, or the day.</summary>
    public DateOnly PeriodStart { get; set; }
    /// <summary>Replace the list to change it (it is stored as one JSON value and compared by reference).</summary>
    public List<SituationRow> Rows { get; set; } = [];

    /// <summary>
    /// Each disease's figures (see <see cref="SituationFigure.Serialize"/>), worked out from the rows by every save that
    /// adds or changes the report; null only in a database from before they existed, until the next start fills them in.
    /// Each node works them out for itself: they never travel.
    /// </summary>
    [JsonIgnore]
    public string? Figures { get; set; }

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
    /// </summary>
    private sealed class StoredRowConverter : JsonConverter<SituationRow>
    {
        public override SituationRow Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
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
/// when the report has one, otherwise the sum of its places. The save pipeline keeps them in the report's own row (see
/// <see cref="SituationReport.Figures"/>), for every report the node holds, its own and replicas, so charts read one
/// small value per report and never the rows, and an import writes nothing more than its reports.
/// </summary>
public readonly record struct SituationFigure(int NewCases, int Deaths, int Tests, int ImportedCases, int InQuarantine)
{
    /// <summary>The figures of each disease in a report, in the order the diseases first appear in its rows.</summary>
    public static List<(string Disease, SituationFigure Figure)> Of(SituationReport report)
    {
        var slots = new Dictionary<string, int>(32, StringComparer.Ordinal);
        var sums = new List<(string Disease, SituationFigure Sum, SituationFigure? Total)>(32);
        foreach (var row in report.Rows)
        {
            var figure = new SituationFigure(row.NewCases, row.Deaths, row.Tests ?? 0, row.ImportedCases ?? 0, row.InQuarantine ?? 0);
            if (!slots.TryGetValue(row.Disease, out var slot))
            {
                slots.Add(row.Disease, slot = sums.Count);
                sums.Add((row.Disease, default, null));
            }
            var (disease, sum, total) = sums[slot];
            sums[slot] = (disease, sum + figure, row.Place == report.OwnerParty ? figure : total);
        }
        return sums.ConvertAll(s => (s.Disease, s.Total ?? s.Sum));
    }

    public static SituationFigure operator +(SituationFigure a, SituationFigure b) => new(a.NewCases + b.NewCases, a.Deaths + b.Deaths, a.Tests + b.Tests,
        a.ImportedCases + b.ImportedCases, a.InQuarantine + b.InQuarantine);

    /// <summary>
    /// A report's figures as stored: one JSON object, a five-number array per disease —
    /// <c>{"dengue":[13,1,0,0,4],"cholera":[2,0,0,0,1]}</c> (new cases, deaths, tests, imported, in quarantine).
    /// </summary>
    public static string Serialize(SituationReport report)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (disease, f) in Of(report))
            {
                writer.WriteStartArray(disease);
                writer.WriteNumberValue(f.NewCases);
                writer.WriteNumberValue(f.Deaths);
                writer.WriteNumberValue(f.Tests);
                writer.WriteNumberValue(f.ImportedCases);
                writer.WriteNumberValue(f.InQuarantine);
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// What a report's stored figures contain when they hold the disease: its property name as written, quote to colon.
    /// Only numbers follow a name, so the text cannot occur anywhere else; queries filter reports on it.
    /// </summary>
    public static string KeyOf(string disease) => "\"" + JsonEncodedText.Encode(disease) + "\":";

    /// <summary>
    /// One disease's figures out of a report's stored figures, given the disease's <see cref="KeyOf"/> (worked out once
    /// for all the reports a chart reads); null when the report has none for it.
    /// </summary>
    public static SituationFigure? Read(string? figures, string key)
    {
        var at = figures?.IndexOf(key, StringComparison.Ordinal) ?? -1;
        if (at < 0) return null;
        var start = at + key.Length;
        var end = figures!.IndexOf(']', start);
        var values = JsonSerializer.Deserialize<int[]>(figures.AsSpan(start, end - start + 1))!;
        return new SituationFigure(values[0], values[1], values[2], values[3], values[4]);
    }

    /// <summary>Every disease's figures out of a report's stored figures.</summary>
    public static Dictionary<string, SituationFigure> ReadAll(string? figures)
    {
        var result = new Dictionary<string, SituationFigure>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(figures)) return result;
        foreach (var (disease, n) in JsonSerializer.Deserialize<Dictionary<string, int[]>>(figures)!)
        {
            result[disease] = new SituationFigure(n[0], n[1], n[2], n[3], n[4]);
        }
        return result;
    }
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

internal sealed class SituationReportConfig : IEntityTypeConfiguration<SituationReport>
{
    public void Configure(EntityTypeBuilder<SituationReport> b)
    {
        b.ConfigureRecord();
        b.HasIndex(r => new { r.OwnerParty, r.PeriodKind, r.PeriodStart }).IsUnique();
        // Charts read the reports of a period range, every party's: their figures, never their rows.
        b.HasIndex(r => new { r.PeriodKind, r.PeriodStart });
        // The rows are one JSON value, not tracked entities: a report of thousands of rows costs one property to
        // track. Code replaces the list (never edits it in place), so a change of reference is a change.
        b.Property(r => r.Rows).HasConversion(
            rows => System.Text.Json.JsonSerializer.Serialize(rows, SituationJson.Options),
            json => System.Text.Json.JsonSerializer.Deserialize<List<SituationRow>>(json, SituationJson.Options) ?? new List<SituationRow>(),
            new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<SituationRow>>(
                (a, b) => ReferenceEquals(a, b), rows => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(rows), rows => rows));
    }
}

internal sealed class PendingImportConfig : IEntityTypeConfiguration<PendingImport>
{
    public void Configure(EntityTypeBuilder<PendingImport> b)
    {
        b.HasKey(p => p.Id);
        b.Property(p => p.FileName).HasMaxLength(260);
        b.HasIndex(p => p.CreatedAt);
    }
}
