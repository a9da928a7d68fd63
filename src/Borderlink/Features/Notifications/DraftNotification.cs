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
        if (viewer.Party is null || viewer.AgencyId is null || !Policies.OfficerRoles.Any(viewer.IsInRole))
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
        if (published && !Policies.LiaisonRoles.Any(db.Viewer.IsInRole))
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

/// <summary>The owner adds or replaces the translation of the free text into one language, beside the original.</summary>
public static class TranslateNotification
{
    public sealed record Request(string? Title, string? Details, string? RiskRationale = null, string? MeasuresTaken = null, string? Requests = null);

    public static async Task<Outcome<EventNotification>> HandleAsync(BorderlinkDb db, TimeProvider clock, Guid id, string language, long expectedVersion,
        Request request, CancellationToken ct = default)
    {
        var loaded = await RecordLoader.LoadForChangeAsync<EventNotification>(db, id, RecordOperation.Edit, expectedVersion, ct);
        if (loaded is not Outcome<EventNotification>.Done { Value: var notification })
        {
            return loaded;
        }
        var culture = Languages.Canonical(language);
        var errors = new List<FieldError>();
        if (culture is null || culture == notification.Language) errors.Add(new("language", "Error.UnknownLanguage"));
        if (string.IsNullOrWhiteSpace(request.Title)) errors.Add(new("title", "Error.Required"));
        else if (request.Title.Length > EventNotification.TitleMax) errors.Add(new("title", "Error.TooLong", EventNotification.TitleMax));
        foreach (var (field, value) in new[] { ("details", request.Details), ("riskRationale", request.RiskRationale), ("measuresTaken", request.MeasuresTaken), ("requests", request.Requests) })
        {
            if (value?.Length > EventNotification.TextMax) errors.Add(new(field, "Error.TooLong", EventNotification.TextMax));
        }
        if (errors.Count > 0)
        {
            return new Outcome<EventNotification>.Invalid(errors);
        }
        var translation = new NotificationTranslation
        {
            Language = culture!, Title = request.Title!.Trim(), Details = request.Details?.Trim() ?? "", RiskRationale = request.RiskRationale?.Trim() ?? "",
            MeasuresTaken = request.MeasuresTaken?.Trim() ?? "", Requests = request.Requests?.Trim() ?? "",
            TranslatedBy = db.Viewer.Name, TranslatedAt = clock.GetUtcNow(),
        };
        notification.Translations = [.. notification.Translations.Where(t => t.Language != culture), translation];
        if (notification.TranslationRequested == culture)
        {
            notification.TranslationRequested = null;
        }
        return await RecordLoader.SaveVersionedAsync(db, notification, expectedVersion, ct);
    }
}
