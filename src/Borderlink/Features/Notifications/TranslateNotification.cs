using Borderlink.Data;
using Borderlink.Sharing;
using Borderlink.Web;

namespace Borderlink.Features.Notifications;

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
