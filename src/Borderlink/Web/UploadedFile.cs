namespace Borderlink.Web;

/// <summary>
/// A document someone uploads (an attachment, an agreement's signed copy): read up to a size limit, its type proven by
/// its first bytes — PDF, PNG, JPEG, WebP — never taken from the name or the client's claim.
/// </summary>
public sealed record UploadedFile(string FileName, string ContentType, byte[] Content)
{
    public const int FileNameMax = 200;

    public string Sha256 => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Content));

    /// <summary>Reads the stream; the file, or the errors (field "file") in the caller's language keys.</summary>
    public static async Task<(UploadedFile? File, List<FieldError> Errors)> ReadAsync(Stream content, string? fileName, int maxBytes, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes) return (null, [new("file", "Error.FileTooLarge", maxBytes / (1024 * 1024))]);
            buffer.Write(chunk, 0, read);
        }
        var bytes = buffer.ToArray();
        var errors = new List<FieldError>();
        var name = Path.GetFileName(fileName?.Trim() ?? "");
        if (bytes.Length == 0) errors.Add(new("file", "Error.Required"));
        var type = Sniff(bytes);
        if (bytes.Length > 0 && type is null) errors.Add(new("file", "Error.FileType"));
        if (name.Length == 0) name = "document" + Extension(type);
        if (name.Length > FileNameMax) errors.Add(new("file", "Error.TooLong", FileNameMax));
        return errors.Count > 0 ? (null, errors) : (new UploadedFile(name, type!, bytes), errors);
    }

    /// <summary>The content type the file's first bytes prove, or null.</summary>
    public static string? Sniff(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0x25, 0x50, 0x44, 0x46, 0x2D, ..] => "application/pdf",
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [0x52, 0x49, 0x46, 0x46, _, _, _, _, 0x57, 0x45, 0x42, 0x50, ..] => "image/webp",
        _ => null,
    };

    private static string Extension(string? type) => type switch
    {
        "application/pdf" => ".pdf",
        "image/png" => ".png",
        "image/jpeg" => ".jpg",
        "image/webp" => ".webp",
        _ => "",
    };
}
