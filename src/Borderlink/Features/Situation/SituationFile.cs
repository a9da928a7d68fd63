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

    /// <summary>Reads a CSV (UTF-8, UTF-16 with a byte-order mark, or GB18030/GBK) or an XLSX file; null when it cannot be read, with the reason.</summary>
    public static async Task<(SituationFile? File, string? ErrorKey)> ReadAsync(Stream content, string fileName, CancellationToken ct)
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
                return isXlsx ? ReadXlsx(new MemoryStream(bytes, 0, length, writable: false)) : ReadCsv(bytes, length);
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

    private static (SituationFile?, string?) ReadCsv(byte[] bytes, int length)
    {
        using var reader = Reader(bytes, length);
        if (reader is null) return (null, "Import.Encoding");
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
    /// without a second copy of the whole file as one string; anything else is decoded whole by <see cref="Decode"/>.
    /// </summary>
    private static TextReader? Reader(byte[] bytes, int length)
    {
        var span = bytes.AsSpan(0, length);
        var skip = span.StartsWith(Utf8Bom) ? Utf8Bom.Length : 0;
        if (System.Text.Unicode.Utf8.IsValid(span[skip..]) && !span.Contains((byte)0))
        {
            return new StreamReader(new MemoryStream(bytes, skip, length - skip, writable: false), new UTF8Encoding(false, true),
                detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
        }
        var text = Decode(span.ToArray());
        return text is null ? null : new StringReader(text);
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// UTF-8 (with or without a byte-order mark) and UTF-16 with one are read as they say; bytes that are not valid UTF-8
    /// are read as GB18030, the superset of GBK that Chinese spreadsheet programs save. Anything else is refused.
    /// </summary>
    public static string? Decode(byte[] bytes)
    {
        if (bytes is [0xEF, 0xBB, 0xBF, ..]) return Strict(new UTF8Encoding(false, true), bytes, 3);
        if (bytes is [0xFF, 0xFE, ..]) return Strict(new UnicodeEncoding(false, false, true), bytes, 2);
        if (bytes is [0xFE, 0xFF, ..]) return Strict(new UnicodeEncoding(true, false, true), bytes, 2);
        if (bytes.Length >= 4 && bytes[1] == 0 && bytes[3] == 0 && bytes[0] != 0) return Strict(new UnicodeEncoding(false, false, true), bytes, 0);
        if (bytes.Length >= 4 && bytes[0] == 0 && bytes[2] == 0 && bytes[1] != 0) return Strict(new UnicodeEncoding(true, false, true), bytes, 0);
        var utf8 = Strict(new UTF8Encoding(false, true), bytes, 0);
        if (utf8 is not null) return utf8;
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gb = Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        return Strict(gb, bytes, 0);
    }

    private static string? Strict(Encoding encoding, byte[] bytes, int skip)
    {
        try
        {
            var text = encoding.GetString(bytes, skip, bytes.Length - skip);
            return text.Contains('\0', StringComparison.Ordinal) ? null : text;
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
