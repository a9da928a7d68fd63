using Borderlink.Data;
using Borderlink.Sharing;
using Borderlink.Sharing.Exchange;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Borderlink.Features.Notifications;

/// <summary>
/// A PDF or image attached to a notification. It is a record of its own, owned and seen like its notification, so it
/// crosses to the addressees' nodes with it (one message per file).
/// </summary>
[RecordType(TypeName)]
[RecordPage(EventNotification.TypeName, nameof(NotificationId))]
public sealed class NotificationAttachment : CoordinationRecord
{
    public const string TypeName = "notification-attachment";
    public const int MaxBytes = 5 * 1024 * 1024;
    public const int MaxPerNotification = 10;

    public Guid NotificationId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public int Size { get; set; }
    /// <summary>Hex SHA-256 of the content, shown so both sides can tell they hold the same file.</summary>
    public required string Sha256 { get; set; }
    public required byte[] Content { get; set; }
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

        var (file, errors) = await UploadedFile.ReadAsync(content, fileName, NotificationAttachment.MaxBytes, ct);
        if (await db.NotificationAttachments.CountAsync(a => a.NotificationId == notificationId, ct) >= NotificationAttachment.MaxPerNotification)
            errors.Add(new("file", "Error.TooManyFiles", NotificationAttachment.MaxPerNotification));
        if (errors.Count > 0) return new Outcome<NotificationAttachment>.Invalid(errors);

        var attachment = new NotificationAttachment
        {
            OwnerParty = notification.OwnerParty, OwnerAgencyId = db.Viewer.AgencyId ?? notification.OwnerAgencyId, NotificationId = notification.Id,
            FileName = file!.FileName, ContentType = file.ContentType, Size = file.Content.Length, Sha256 = file.Sha256, Content = file.Content,
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
}

/// <summary>What lists of attachments show: everything but the content.</summary>
public sealed record AttachmentDto(Guid Id, Guid NotificationId, string OwnerParty, string FileName, string ContentType, int Size, string Sha256, DateTimeOffset CreatedAt, string CreatedBy)
{
    public static AttachmentDto From(NotificationAttachment a) => new(a.Id, a.NotificationId, a.OwnerParty, a.FileName, a.ContentType, a.Size, a.Sha256, a.CreatedAt, a.CreatedBy);
}

internal sealed class NotificationAttachmentConfig : IEntityTypeConfiguration<NotificationAttachment>
{
    public void Configure(EntityTypeBuilder<NotificationAttachment> b)
    {
        b.ConfigureRecord();
        b.Property(a => a.FileName).HasMaxLength(Borderlink.Web.UploadedFile.FileNameMax);
        b.Property(a => a.ContentType).HasMaxLength(100);
        b.Property(a => a.Sha256).HasMaxLength(64);
        b.HasIndex(a => a.NotificationId);
    }
}
