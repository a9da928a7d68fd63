using Borderlink.Data;
using Borderlink.Sharing;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Notifications;

/// <summary>
/// An addressee answers a notification with a record of its own: the acknowledgement that stops its clock, a request for
/// information, or the measures it took. The owner may add information for its addressees the same way. Answers from
/// an addressee go to the owner only; the owner's go to all addressees.
/// </summary>
public static class RespondToNotification
{
    public sealed record Request(ResponseKind Kind, string? Text, string? Language);

    public static async Task<Outcome<NotificationResponse>> HandleAsync(BorderlinkDb db, Guid notificationId, Request request, CancellationToken ct = default)
    {
        var viewer = db.Viewer;
        var loaded = await RecordLoader.LoadAsync<EventNotification>(db, notificationId, RecordOperation.Read, ct);
        if (loaded is not Outcome<EventNotification>.Done { Value: var notification })
        {
            return loaded is Outcome<EventNotification>.Forbidden ? new Outcome<NotificationResponse>.Forbidden() : new Outcome<NotificationResponse>.NotFound();
        }
        var isOwner = viewer.Party == notification.OwnerParty;
        var isAddressee = viewer.Party is not null && notification.AddresseeList.Contains(viewer.Party);
        if (viewer.AgencyId is null || !viewer.IsOfficer || !(isOwner || isAddressee)
            || (request.Kind == ResponseKind.Acknowledgement && !isAddressee))
        {
            db.Audit(Audit.AuditActions.Refused, Audit.AuditOutcomes.Denied, notification, Audit.AuditDetail.RespondNotAllowed(request.Kind.ToString()!));
            await db.SaveChangesAsync(ct);
            return new Outcome<NotificationResponse>.Forbidden();
        }
        if (notification.Status == NotificationStatus.Draft)
        {
            return new Outcome<NotificationResponse>.Invalid([new("status", "Error.NotSentYet")]);
        }

        var errors = new List<FieldError>();
        if (!Enum.IsDefined(request.Kind)) errors.Add(new("kind", "Error.UnknownKind"));
        if (request.Kind != ResponseKind.Acknowledgement && string.IsNullOrWhiteSpace(request.Text)) errors.Add(new("text", "Error.Required"));
        if (request.Text?.Length > NotificationResponse.TextMax) errors.Add(new("text", "Error.TooLong", NotificationResponse.TextMax));
        var language = Languages.Canonical(request.Language) ?? (string.IsNullOrWhiteSpace(request.Text) ? "en" : null);
        if (language is null) errors.Add(new("language", "Error.UnknownLanguage"));
        if (errors.Count > 0)
        {
            return new Outcome<NotificationResponse>.Invalid(errors);
        }

        if (request.Kind == ResponseKind.Acknowledgement)
        {
            // One acknowledgement per party: a second one (a double click, a retry) answers with the first.
            var earlier = await db.NotificationResponses.FirstOrDefaultAsync(r => r.NotificationId == notification.Id
                && r.Kind == ResponseKind.Acknowledgement && r.OwnerParty == viewer.Party, ct);
            if (earlier is not null)
            {
                return new Outcome<NotificationResponse>.Done(earlier);
            }
        }

        var response = new NotificationResponse
        {
            OwnerParty = viewer.Party!, OwnerAgencyId = viewer.AgencyId.Value, NotificationId = notification.Id, NotificationOwner = notification.OwnerParty,
            Kind = request.Kind, Revision = notification.Revision, Text = request.Text?.Trim() ?? "", Language = language!,
        };
        response.SetVisibility(Visibility.Partners, isOwner ? notification.AddresseeList : [notification.OwnerParty], []);
        db.NotificationResponses.Add(response);
        await db.SaveChangesAsync(ct);
        return new Outcome<NotificationResponse>.Done(response, Created: true);
    }
}
