using Borderlink.Data;
using Borderlink.Features.Gazetteer;
using Borderlink.Sharing;
using Borderlink.Web;

namespace Borderlink.Features.Notifications;

/// <summary>
/// Changes a notification of the caller's party. A draft is simply edited. Once sent, a change is a published update:
/// only a liaison may publish it, the content it replaces is kept as the previous revision, and the addressees stay.
/// </summary>
public static class ChangeNotification
{
    public static async Task<Outcome<EventNotification>> HandleAsync(BorderlinkDb db, GazetteerIndex gazetteer, TimeProvider clock, Guid id,
        long expectedVersion, NotificationContent content, CancellationToken ct = default)
    {
        var loaded = await RecordLoader.LoadForChangeAsync<EventNotification>(db, id, RecordOperation.Edit, expectedVersion, ct);
        if (loaded is not Outcome<EventNotification>.Done { Value: var notification })
        {
            return loaded;
        }
        if (notification.Status == NotificationStatus.Closed)
        {
            return new Outcome<EventNotification>.Invalid([new("status", "Error.NotificationClosed")]);
        }
        var published = notification.Status != NotificationStatus.Draft;
        if (published && !db.Viewer.IsLiaison)
        {
            db.Audit(Audit.AuditActions.Refused, Audit.AuditOutcomes.Denied, notification, Audit.AuditDetail.UpdateNeedsLiaison());
            await db.SaveChangesAsync(ct);
            return new Outcome<EventNotification>.Forbidden();
        }
        var (errors, resolved) = await NotificationRules.ValidateAsync(db, gazetteer, clock, notification.OwnerParty, content, ct);
        if (published && content.Addressees is { Count: > 0 } && resolved.Addressees != notification.Addressees)
        {
            errors.Add(new("addressees", "Error.AddresseesFixed"));
        }
        if (errors.Count > 0)
        {
            return new Outcome<EventNotification>.Invalid(errors);
        }
        if (published)
        {
            notification.History = [.. notification.History, notification.Snapshot()];
            notification.Revision += 1;
            notification.Status = NotificationStatus.Updated;
        }
        else
        {
            notification.SetAddressees(Codes.Split(resolved.Addressees));
        }
        NotificationRules.Apply(notification, content, resolved);
        return await RecordLoader.SaveVersionedAsync(db, notification, expectedVersion, ct);
    }
}
