using Borderlink.Data;
using Borderlink.Sharing;
using Borderlink.Web;

namespace Borderlink.Features.Notifications;

/// <summary>A liaison of the owner closes a sent notification: the event is over; the thread stays readable.</summary>
public static class CloseNotification
{
    public static async Task<Outcome<EventNotification>> HandleAsync(BorderlinkDb db, TimeProvider clock, Guid id, long expectedVersion, CancellationToken ct = default)
    {
        var loaded = await RecordLoader.LoadForChangeAsync<EventNotification>(db, id, RecordOperation.Share, expectedVersion, ct);
        if (loaded is not Outcome<EventNotification>.Done { Value: var notification })
        {
            return loaded;
        }
        if (!notification.IsOpen)
        {
            return new Outcome<EventNotification>.Invalid([new("status", notification.Status == NotificationStatus.Draft ? "Error.NotSentYet" : "Error.NotificationClosed")]);
        }
        notification.Status = NotificationStatus.Closed;
        notification.ClosedAt = clock.GetUtcNow();
        return await RecordLoader.SaveVersionedAsync(db, notification, expectedVersion, ct);
    }
}
