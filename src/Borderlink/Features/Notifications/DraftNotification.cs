using Borderlink.Data;
using Borderlink.Features.Gazetteer;
using Borderlink.Sharing;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Notifications;

/// <summary>An officer drafts a notification. A draft is Internal to the officer's party until a liaison sends it.</summary>
public static class DraftNotification
{
    public static async Task<Outcome<EventNotification>> HandleAsync(BorderlinkDb db, GazetteerIndex gazetteer, TimeProvider clock,
        NotificationContent content, string? idempotencyKey, CancellationToken ct = default)
    {
        var viewer = db.Viewer;
        if (viewer.Party is null || viewer.AgencyId is null || !viewer.IsOfficer)
        {
            return new Outcome<EventNotification>.Forbidden();
        }
        var requestHash = IdempotencyKey.HashOf(content);
        if (await IdempotencyKey.EarlierAsync(db, idempotencyKey, requestHash, ct) is { } earlier)
        {
            if (!earlier.SameRequest)
            {
                return new Outcome<EventNotification>.Conflict(IdempotencyKey.ReusedCode, "Problem.IdempotencyKeyReused", StatusCodes.Status422UnprocessableEntity);
            }
            var existing = await db.EventNotifications.FirstOrDefaultAsync(n => n.Id == earlier.RecordId, ct);
            return existing is null ? new Outcome<EventNotification>.NotFound() : new Outcome<EventNotification>.Done(existing);
        }

        var (errors, resolved) = await NotificationRules.ValidateAsync(db, gazetteer, clock, viewer.Party, content, ct);
        if (errors.Count > 0)
        {
            return new Outcome<EventNotification>.Invalid(errors);
        }
        var notification = new EventNotification
        {
            OwnerParty = viewer.Party, OwnerAgencyId = viewer.AgencyId.Value, Title = "", DiseaseCode = "", Language = "",
            Status = NotificationStatus.Draft,
        };
        NotificationRules.Apply(notification, content, resolved);
        notification.SetAddressees(Codes.Split(resolved.Addressees));
        notification.SetVisibility(Visibility.Internal, [], []);
        db.EventNotifications.Add(notification);
        IdempotencyKey.Remember(db, idempotencyKey, requestHash, notification, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return new Outcome<EventNotification>.Done(notification, Created: true);
    }
}
