using System.Buffers;
using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using MiniExcelLibs;

namespace Borderlink.Features.Situation;

/// <summary>
/// A spreadsheet read as text cells: its header row, then its data rows one at a time, each with its row number as a
/// spreadsheet shows it. Rows are read as they are asked for, so a file is never held as cells all at once: an upload
/// of tens of megabytes of rows costs its bytes, not ten times that. Dispose it to give the buffer back.
/// </summary>
public sealed class SituationFile : IDisposable
{
    public sealed record Line(int Row, string[] Cells);

    public const long MaxBytes = 64L * 1024 * 1024;

    private readonly byte[] _bytes;
    private readonly IDisposable? _reader;
    private readonly Func<Line?> _next;
    private bool _disposed;

    private SituationFile(byte[] bytes, IReadOnlyList<string> headers, Func<Line?> next, IDisposable? reader)
    {
        _bytes = bytes;
        Headers = headers;
        _next = next;
        _reader = reader;
    }

    public IReadOnlyList<string> Headers { get; }

    /// <summary>Set when a row could not be read (a broken file part way through); the rows stop there.</summary>
    public string? ErrorKey { get; private set; }

    /// <summary>The data rows, blank ones skipped, read once, in order.</summary>
    public IEnumerable<Line> Lines
    {
        get
        {
            while (!_disposed && ErrorKey is null && Next() is { } line)
            {
                yield return line;
            }
        }
    }

    private Line? Next()
    {
        try
        {
            return _next();
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            ErrorKey = "Import.BadCsv";
            return null;
        }
    }

    private static bool IsUnreadable(Exception e) =>
        e is InvalidDataException or IOException or CsvHelperException or System.Xml.XmlException or InvalidOperationException or DecoderFallbackException;

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _reader?.Dispose();
        ArrayPool<byte>.Shared.Return(_bytes);
    }

    /// <summary>
    /// Opens a CSV (UTF-8, UTF-16, GB18030/GBK or Windows-1252: see <see cref="FileEncodings"/>) or an XLSX file and reads
    /// its header row; null when it cannot be read, with the reason.
    /// </summary>
    public static async Task<(SituationFile? File, string? ErrorKey)> ReadAsync(Stream content, string fileName, FileEncoding encoding, CancellationToken ct)
    {
        // The file's bytes live in a pooled buffer while its rows are read: an upload of megabytes would otherwise
        // leave a chain of ever larger arrays behind it for the garbage collector's costliest generation.
        var (bytes, length) = await ReadAllAsync(content, ct);
        var isXlsx = fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) || bytes.AsSpan(0, length).StartsWith("PK\u0003\u0004"u8);
        (SituationFile?, string?) opened;
        try
        {
            opened = length == 0 ? (null, "Import.Empty") : isXlsx ? OpenXlsx(bytes, length) : OpenCsv(bytes, length, encoding);
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            opened = (null, isXlsx ? "Import.BadXlsx" : "Import.BadCsv");
        }
        if (opened.Item1 is null) ArrayPool<byte>.Shared.Return(bytes);
        return opened;
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

    private static (SituationFile?, string?) OpenXlsx(byte[] bytes, int length)
    {
        var rows = new MemoryStream(bytes, 0, length, writable: false).Query(useHeaderRow: false, excelType: ExcelType.XLSX).GetEnumerator();
        var row = 0;
        string[]? Values() => rows.MoveNext() ? ((IDictionary<string, object?>)rows.Current).Values.Select(Text).ToArray() : null;
        var headers = Values();
        row++;
        if (headers is null)
        {
            rows.Dispose();
            return (null, "Import.Empty");
        }
        Line? Next()
        {
            while (Values() is { } values)
            {
                row++;
                if (!values.All(string.IsNullOrWhiteSpace)) return new Line(row, values);
            }
            return null;
        }
        return (new SituationFile(bytes, headers, Next, rows), null);
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

    private static (SituationFile?, string?) OpenCsv(byte[] bytes, int length, FileEncoding encoding)
    {
        var (reader, failure) = Reader(bytes, length, encoding);
        if (reader is null) return (null, failure == FileEncodings.Failure.Unsure ? "Import.EncodingUnsure" : "Import.Encoding");
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true, DetectDelimiterValues = [",", ";", "\t"], BadDataFound = null, MissingFieldFound = null, IgnoreBlankLines = true,
            CacheFields = true,
        };
        var csv = new CsvParser(reader, config);
        if (!csv.Read())
        {
            csv.Dispose();
            return (null, "Import.Empty");
        }
        var headers = csv.Record ?? [];
        Line? Next()
        {
            while (csv.Read())
            {
                var cells = csv.Record ?? [];
                if (!cells.All(string.IsNullOrWhiteSpace)) return new Line(csv.Row, cells);
            }
            return null;
        }
        return (new SituationFile(bytes, headers, Next, csv), null);
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
