using System.Security.Cryptography;
using Borderlink.Data;
using Borderlink.Sharing;
using Borderlink.Sharing.Exchange;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Notifications;

/// <summary>
/// A PDF or image attached to a notification. It is a record of its own, owned and seen like its notification, so it
/// crosses to the addressees' nodes with it (one message per file).
/// </summary>
[RecordType(TypeName)]
public sealed class NotificationAttachment : CoordinationRecord
{
    public const string TypeName = "notification-attachment";
    public const int MaxBytes = 5 * 1024 * 1024;
    public const int MaxPerNotification = 10;
    public const int FileNameMax = 200;

    public Guid NotificationId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public int Size { get; set; }
    /// <summary>Hex SHA-256 of the content, shown so both sides can tell they hold the same file.</summary>
    public required string Sha256 { get; set; }
    public required byte[] Content { get; set; }

    /// <summary>The content type the file's first bytes prove, or null: PDF, PNG, JPEG, WebP. The name or the client's claim are not trusted.</summary>
    public static string? Sniff(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0x25, 0x50, 0x44, 0x46, 0x2D, ..] => "application/pdf",
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [0x52, 0x49, 0x46, 0x46, _, _, _, _, 0x57, 0x45, 0x42, 0x50, ..] => "image/webp",
        _ => null,
    };
}

/// <summary>The owner's officers attach a file to a notification that is not closed; it is seen by whoever sees the notification.</summary>
public static class AttachToNotification
{
    public static async Task<Outcome<NotificationAttachment>> HandleAsync(BorderlinkDb db, Guid notificationId, string? fileName, Stream content,
        CancellationToken ct = default)
    {
        var loaded = await RecordLoader.LoadAsync<EventNotification>(db, notificationId, RecordOperation.Edit, ct);
        if (loaded is not Outcome<EventNotification>.Done { Value: var notification })
        {
            return loaded is Outcome<EventNotification>.Forbidden ? new Outcome<NotificationAttachment>.Forbidden() : new Outcome<NotificationAttachment>.NotFound();
        }
        if (notification.Status == NotificationStatus.Closed) return new Outcome<NotificationAttachment>.Invalid([new("status", "Error.NotificationClosed")]);

        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > NotificationAttachment.MaxBytes)
                return new Outcome<NotificationAttachment>.Invalid([new("file", "Error.FileTooLarge", NotificationAttachment.MaxBytes / (1024 * 1024))]);
            buffer.Write(chunk, 0, read);
        }
        var bytes = buffer.ToArray();
        var errors = new List<FieldError>();
        var name = Path.GetFileName(fileName?.Trim() ?? "");
        if (bytes.Length == 0) errors.Add(new("file", "Error.Required"));
        var type = NotificationAttachment.Sniff(bytes);
        if (bytes.Length > 0 && type is null) errors.Add(new("file", "Error.FileType"));
        if (name.Length == 0) name = "attachment" + Extension(type);
        if (name.Length > NotificationAttachment.FileNameMax) errors.Add(new("file", "Error.TooLong", NotificationAttachment.FileNameMax));
        if (await db.NotificationAttachments.CountAsync(a => a.NotificationId == notificationId, ct) >= NotificationAttachment.MaxPerNotification)
            errors.Add(new("file", "Error.TooManyFiles", NotificationAttachment.MaxPerNotification));
        if (errors.Count > 0) return new Outcome<NotificationAttachment>.Invalid(errors);

        var attachment = new NotificationAttachment
        {
            OwnerParty = notification.OwnerParty, OwnerAgencyId = db.Viewer.AgencyId ?? notification.OwnerAgencyId, NotificationId = notification.Id,
            FileName = name, ContentType = type!, Size = bytes.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)), Content = bytes,
        };
        attachment.SetVisibility(notification.Visibility, notification.Audience, notification.Restriction);
        db.NotificationAttachments.Add(attachment);
        await db.SaveChangesAsync(ct);
        return new Outcome<NotificationAttachment>.Done(attachment, Created: true);
    }

    /// <summary>When a draft is sent, its files go with it to the same addressees.</summary>
    public static async Task FollowAsync(BorderlinkDb db, EventNotification notification, CancellationToken ct)
    {
        foreach (var attachment in await db.NotificationAttachments.Where(a => a.NotificationId == notification.Id).ToListAsync(ct))
        {
            attachment.SetVisibility(notification.Visibility, notification.Audience, notification.Restriction);
        }
    }

    private static string Extension(string? type) => type switch
    {
        "application/pdf" => ".pdf",
        "image/png" => ".png",
        "image/jpeg" => ".jpg",
        "image/webp" => ".webp",
        _ => "",
    };
}

/// <summary>What lists of attachments show: everything but the content.</summary>
public sealed record AttachmentDto(Guid Id, Guid NotificationId, string OwnerParty, string FileName, string ContentType, int Size, string Sha256, DateTimeOffset CreatedAt, string CreatedBy)
{
    public static AttachmentDto From(NotificationAttachment a) => new(a.Id, a.NotificationId, a.OwnerParty, a.FileName, a.ContentType, a.Size, a.Sha256, a.CreatedAt, a.CreatedBy);
}
