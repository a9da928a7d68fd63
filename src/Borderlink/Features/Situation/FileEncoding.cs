using System.Text;
using UtfUnknown;

namespace Borderlink.Features.Situation;

/// <summary>How an uploaded text file is encoded: found from its bytes (<see cref="Auto"/>) or said by the uploader.</summary>
public enum FileEncoding
{
    Auto,
    Utf8,
    Utf16,
    Gb18030,
    Windows1252,
}

/// <summary>
/// Reads an uploaded text file's bytes as text, never in the wrong encoding. A byte-order mark and valid UTF-8 say it
/// themselves; otherwise a charset detector (UTF.Unknown) must be sure of GB18030/GBK (Chinese spreadsheets) or of
/// Windows-1252/Latin-1 (French and other Western spreadsheets), or — for a file too short for the detector — every
/// character beyond ASCII must read as Chinese in GB18030. Anything else is refused as unsure, and the uploader says
/// the encoding. An encoding the uploader names is used strictly: bytes it cannot decode are refused.
/// </summary>
public static class FileEncodings
{
    /// <summary>How sure the detector must be before its guess is used.</summary>
    public const float Sure = 0.5f;

    public static readonly FileEncoding[] All = Enum.GetValues<FileEncoding>();

    public enum Failure
    {
        None,
        Undecodable,
        Unsure,
    }

    public static (string? Text, Failure Failure) Decode(byte[] bytes, FileEncoding declared)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        if (declared != FileEncoding.Auto)
        {
            var text = declared switch
            {
                FileEncoding.Utf8 => Strict(new UTF8Encoding(false, true), bytes, bytes is [0xEF, 0xBB, 0xBF, ..] ? 3 : 0),
                FileEncoding.Utf16 => bytes is [0xFE, 0xFF, ..] ? Strict(new UnicodeEncoding(true, false, true), bytes, 2)
                    : Strict(new UnicodeEncoding(false, false, true), bytes, bytes is [0xFF, 0xFE, ..] ? 2 : 0),
                FileEncoding.Gb18030 => Strict(Gb18030(), bytes, 0),
                _ => Strict(Windows1252(), bytes, 0),
            };
            return (text, text is null ? Failure.Undecodable : Failure.None);
        }
        if (bytes is [0xEF, 0xBB, 0xBF, ..]) return Result(Strict(new UTF8Encoding(false, true), bytes, 3));
        if (bytes is [0xFF, 0xFE, ..]) return Result(Strict(new UnicodeEncoding(false, false, true), bytes, 2));
        if (bytes is [0xFE, 0xFF, ..]) return Result(Strict(new UnicodeEncoding(true, false, true), bytes, 2));
        if (bytes.Length >= 4 && bytes[1] == 0 && bytes[3] == 0 && bytes[0] != 0) return Result(Strict(new UnicodeEncoding(false, false, true), bytes, 0));
        if (bytes.Length >= 4 && bytes[0] == 0 && bytes[2] == 0 && bytes[1] != 0) return Result(Strict(new UnicodeEncoding(true, false, true), bytes, 0));
        if (Strict(new UTF8Encoding(false, true), bytes, 0) is { } utf8) return (utf8, Failure.None);

        var detected = CharsetDetector.DetectFromBytes(bytes).Detected;
        var name = detected?.EncodingName?.ToLowerInvariant() ?? "";
        if (detected?.Confidence >= Sure && name is "gb18030" or "gb2312" or "gbk" or "hz-gb-2312")
        {
            return Result(Strict(Gb18030(), bytes, 0));
        }
        if (detected?.Confidence >= Sure && name is "windows-1252" or "iso-8859-1" or "iso-8859-15")
        {
            return Result(Strict(Windows1252(), bytes, 0));
        }
        // Too short for the detector: a few Chinese place and disease names read as nothing but Chinese in GB18030.
        if (Strict(Gb18030(), bytes, 0) is { } gb && gb.Where(c => c > 0x7F).All(IsChinese) && gb.Any(c => c > 0x7F))
        {
            return (gb, Failure.None);
        }
        return (null, Failure.Unsure);
    }

    private static (string?, Failure) Result(string? text) => (text, text is null ? Failure.Undecodable : Failure.None);

    private static bool IsChinese(char c) =>
        c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3000' and <= '\u303F') or (>= '\uFF00' and <= '\uFFEF') or '\u00B7' or '\u2014' or '\u2018' or '\u2019' or '\u201C' or '\u201D';

    private static Encoding Gb18030() => Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);

    private static Encoding Windows1252() => Encoding.GetEncoding(1252, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);

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
