using Borderlink.Data;
using Borderlink.Sharing;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Notifications;

/// <summary>
/// A liaison sends a draft to its addressees: the notification becomes visible to them (and crosses to their nodes),
/// and each addressee's acknowledgement clock starts. The deadline is fixed now, in UTC: the shared rule in force
/// between the sender and its addressees, or the law for the disease (<see cref="AcknowledgementTerm"/>).
/// </summary>
public static class SendNotification
{
    public sealed record Request(IReadOnlyList<string>? Addressees = null);

    public static async Task<Outcome<EventNotification>> HandleAsync(BorderlinkDb db, TimeProvider clock, Guid id, long expectedVersion,
        Request request, CancellationToken ct = default)
    {
        var loaded = await RecordLoader.LoadForChangeAsync<EventNotification>(db, id, RecordOperation.Share, expectedVersion, ct);
        if (loaded is not Outcome<EventNotification>.Done { Value: var notification })
        {
            return loaded;
        }
        if (notification.Status != NotificationStatus.Draft)
        {
            return new Outcome<EventNotification>.Invalid([new("status", "Error.AlreadySent")]);
        }
        var addressees = request.Addressees is { Count: > 0 } given ? given.Select(a => a.Trim()).Distinct().ToList() : [.. notification.AddresseeList];
        var errors = (await VisibilityRules.ValidateAsync(db, notification.OwnerParty, Visibility.Partners, addressees, [], clock, ct))
            .Select(e => e with { Field = "addressees" }).ToList();
        var disease = await db.Diseases.AsNoTracking().FirstOrDefaultAsync(d => d.Code == notification.DiseaseCode, ct);
        if (disease is null) errors.Add(new("disease", "Error.UnknownDisease", notification.DiseaseCode));
        if (errors.Count > 0)
        {
            return new Outcome<EventNotification>.Invalid(errors);
        }
        // The term is read before the notification changes: a page rendering while this awaits (on PostgreSQL it really
        // yields) must never see it sent without its deadline.
        var (hours, rule) = await AcknowledgementTerm.ForAsync(db, disease!, notification.OwnerParty, addressees, ct);
        var now = clock.GetUtcNow();
        notification.SetAddressees(addressees);
        notification.Status = NotificationStatus.Sent;
        notification.Revision = 1;
        notification.SentAt = now;
        notification.SentBy = db.Viewer.Name;
        notification.AcknowledgementHours = hours;
        notification.AcknowledgementRuleId = rule;
        notification.AcknowledgeBy = now.AddHours(hours);
        notification.SetVisibility(Visibility.Partners, addressees, []);
        await AttachToNotification.FollowAsync(db, notification, ct);
        return await RecordLoader.SaveVersionedAsync(db, notification, expectedVersion, ct);
    }
}
