using System.Globalization;
using System.Text;
using Borderlink.Data;
using Borderlink.Features.Gazetteer;
using Borderlink.Features.Reference;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Borderlink.Features.Situation;

/// <summary>
/// Writes situation rows as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read Chinese and Vietnamese
/// right) or XLSX, with headers and names in the reader's language — the same columns an import accepts. Any text cell
/// a spreadsheet would run as a formula (=, +, -, @, tab, carriage return) is written with a leading apostrophe.
/// </summary>
public sealed class SituationExport(BorderlinkDb db, SituationColumns columns, GazetteerIndex gazetteer)
{
    public const string CsvType = "text/csv; charset=utf-8";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public async Task<byte[]> WriteAsync(IReadOnlyList<(SituationReport Report, SituationRow Row)> rows, bool xlsx, CancellationToken ct = default)
    {
        var names = await NamesAsync(ct);
        var table = rows.Select(x => Values(x.Report.Period, names(x.Report.OwnerParty), names(x.Row.Place), names(x.Row.Disease),
            x.Row.NewCases, x.Row.Deaths, x.Row.Tests, x.Row.ImportedCases, x.Row.InQuarantine, x.Row.Note)).ToList();
        return xlsx ? Xlsx(table) : Csv(table);
    }

    /// <summary>An empty file with the headers in the current language and one example row for the viewer's party.</summary>
    public async Task<byte[]> TemplateAsync(string party, DateOnly today, bool xlsx, CancellationToken ct = default)
    {
        var names = await NamesAsync(ct);
        var example = Values(Periods.Format(PeriodKind.Week, Periods.StartOf(PeriodKind.Week, today)), names(party), names(party), names("dengue"),
            12, 0, 40, 2, 15, null);
        return xlsx ? Xlsx([example]) : Csv([example]);
    }

    /// <summary>Neutralises spreadsheet formula injection (OWASP "CSV injection").</summary>
    public static string Safe(string? text) =>
        string.IsNullOrEmpty(text) ? "" : text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    private Dictionary<string, object?> Values(string period, string party, string place, string disease, int newCases, int deaths, int? tests,
        int? imported, int? quarantine, string? note) => new()
    {
        [columns.Label(SituationColumns.Period)] = period,
        [columns.Label(SituationColumns.Party)] = Safe(party),
        [columns.Label(SituationColumns.Place)] = Safe(place),
        [columns.Label(SituationColumns.Disease)] = Safe(disease),
        [columns.Label(SituationColumns.NewCases)] = newCases,
        [columns.Label(SituationColumns.Deaths)] = deaths,
        [columns.Label(SituationColumns.Tests)] = tests,
        [columns.Label(SituationColumns.ImportedCases)] = imported,
        [columns.Label(SituationColumns.InQuarantine)] = quarantine,
        [columns.Label(SituationColumns.Note)] = Safe(note),
    };

    private async Task<Func<string, string>> NamesAsync(CancellationToken ct)
    {
        var places = (await gazetteer.EntriesAsync(ct)).Where(e => e.Kind != GazetteerKind.GatePair).GroupBy(e => e.Code).ToDictionary(g => g.Key, g => g.First().Names.Name());
        var diseases = await db.Diseases.AsNoTracking().ToDictionaryAsync(d => d.Code, d => d.Name(), ct);
        return code => places.GetValueOrDefault(code) ?? diseases.GetValueOrDefault(code) ?? code;
    }

    private byte[] Csv(List<Dictionary<string, object?>> table)
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var column in SituationColumns.All) csv.WriteField(columns.Label(column));
            csv.NextRecord();
            foreach (var row in table)
            {
                foreach (var value in row.Values) csv.WriteField(value is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : value as string ?? "");
                csv.NextRecord();
            }
        }
        return buffer.ToArray();
    }

    private byte[] Xlsx(List<Dictionary<string, object?>> table)
    {
        using var buffer = new MemoryStream();
        // With no rows a sheet still carries its headers (above one blank row), so it can be filled in and uploaded.
        buffer.SaveAs(table.Count > 0 ? table : [SituationColumns.All.ToDictionary(c => columns.Label(c), _ => (object?)null)],
            printHeader: true, excelType: ExcelType.XLSX);
        return buffer.ToArray();
    }
}
