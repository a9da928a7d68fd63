using System.Buffers;
using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using MiniExcelLibs;

namespace Borderlink.Features.Situation;

/// <summary>A spreadsheet read into text cells: its header row and every data row with its row number as a spreadsheet shows it.</summary>
public sealed record SituationFile(IReadOnlyList<string> Headers, IReadOnlyList<SituationFile.Line> Lines)
{
    public sealed record Line(int Row, string[] Cells);

    public const long MaxBytes = 64L * 1024 * 1024;

    /// <summary>
    /// Reads a CSV (UTF-8, UTF-16, GB18030/GBK or Windows-1252: see <see cref="FileEncodings"/>) or an XLSX file; null when
    /// it cannot be read, with the reason.
    /// </summary>
    public static async Task<(SituationFile? File, string? ErrorKey)> ReadAsync(Stream content, string fileName, FileEncoding encoding, CancellationToken ct)
    {
        // The file's bytes live in a pooled buffer only while they are read into cells: an upload of megabytes would
        // otherwise leave a chain of ever larger arrays behind it for the garbage collector's costliest generation.
        var (bytes, length) = await ReadAllAsync(content, ct);
        try
        {
            if (length == 0) return (null, "Import.Empty");
            var isXlsx = fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) || bytes.AsSpan(0, length).StartsWith("PK\u0003\u0004"u8);
            try
            {
                return isXlsx ? ReadXlsx(new MemoryStream(bytes, 0, length, writable: false)) : ReadCsv(bytes, length, encoding);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or CsvHelperException or System.Xml.XmlException or InvalidOperationException)
            {
                return (null, isXlsx ? "Import.BadXlsx" : "Import.BadCsv");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>Reads a stream whole into a buffer rented from the shared pool, which the caller returns.</summary>
    private static async Task<(byte[] Bytes, int Length)> ReadAllAsync(Stream content, CancellationToken ct)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(1 << 16);
        var length = 0;
        try
        {
            int read;
            while ((read = await content.ReadAsync(bytes.AsMemory(length), ct)) > 0)
            {
                length += read;
                if (length < bytes.Length) continue;
                var bigger = ArrayPool<byte>.Shared.Rent(bytes.Length * 2);
                bytes.AsSpan(0, length).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(bytes);
                bytes = bigger;
            }
            return (bytes, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(bytes);
            throw;
        }
    }

    private static (SituationFile?, string?) ReadXlsx(MemoryStream buffer)
    {
        var lines = new List<Line>();
        string[]? headers = null;
        var row = 0;
        foreach (IDictionary<string, object?> cells in buffer.Query(useHeaderRow: false, excelType: ExcelType.XLSX))
        {
            row++;
            var values = cells.Values.Select(Text).ToArray();
            if (headers is null)
            {
                headers = values;
                continue;
            }
            if (values.All(string.IsNullOrWhiteSpace)) continue;
            lines.Add(new Line(row, values));
        }
        return headers is null ? (null, "Import.Empty") : (new SituationFile(headers, lines), null);
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => ((long)d).ToString(CultureInfo.InvariantCulture),
        double d => d.ToString(CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static (SituationFile?, string?) ReadCsv(byte[] bytes, int length, FileEncoding encoding)
    {
        var (opened, failure) = Reader(bytes, length, encoding);
        using var reader = opened;
        if (reader is null) return (null, failure == FileEncodings.Failure.Unsure ? "Import.EncodingUnsure" : "Import.Encoding");
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true, DetectDelimiterValues = [",", ";", "\t"], BadDataFound = null, MissingFieldFound = null, IgnoreBlankLines = true,
            CacheFields = true,
        };
        using var csv = new CsvParser(reader, config);
        string[]? headers = null;
        var lines = new List<Line>();
        while (csv.Read())
        {
            var cells = csv.Record ?? [];
            if (headers is null)
            {
                headers = cells;
                continue;
            }
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            lines.Add(new Line(csv.Row, cells));
        }
        return headers is null ? (null, "Import.Empty") : (new SituationFile(headers, lines), null);
    }

    /// <summary>
    /// The file's text. Valid UTF-8 without NUL characters (what nearly every file is) is read straight from the bytes,
    /// without a second copy of the whole file as one string; anything else is decoded whole by <see cref="FileEncodings"/>.
    /// </summary>
    private static (TextReader? Reader, FileEncodings.Failure Failure) Reader(byte[] bytes, int length, FileEncoding encoding)
    {
        var span = bytes.AsSpan(0, length);
        var skip = span.StartsWith(Utf8Bom) ? Utf8Bom.Length : 0;
        if (encoding is FileEncoding.Auto or FileEncoding.Utf8 && System.Text.Unicode.Utf8.IsValid(span[skip..]) && !span.Contains((byte)0))
        {
            return (new StreamReader(new MemoryStream(bytes, skip, length - skip, writable: false), new UTF8Encoding(false, true),
                detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16), FileEncodings.Failure.None);
        }
        var (text, failure) = FileEncodings.Decode(span.ToArray(), encoding);
        return (text is null ? null : new StringReader(text), failure);
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];
}
