using Borderlink.Sharing;

namespace Borderlink.Features.Notifications;

/// <summary>
/// The wire shape of a notification with where each addressee stands. <see cref="Places"/> are gazetteer codes;
/// <see cref="PlacesAsWritten"/> the names its author kept although the gazetteer did not know them.
/// </summary>
public sealed record NotificationDto(
    Guid Id, string OwnerParty, long Version, NotificationStatus Status, int Revision, string Title, string Disease,
    IReadOnlyList<string> Places, IReadOnlyList<string> GatePairs, IReadOnlyList<string> Addressees,
    DateOnly? OnsetDate, DateOnly? DetectedDate, int Suspected, int Probable, int Confirmed, int Deaths, string? ImportedFrom, string? ExportedTo,
    RiskLevel Risk, string RiskRationale, string MeasuresTaken, string Requests, string Details, string Language, string? TranslationRequested,
    IReadOnlyList<NotificationTranslation> Translations, DateTimeOffset? SentAt, string? SentBy, int? AcknowledgementHours, Guid? AcknowledgementRuleId, DateTimeOffset? AcknowledgeBy,
    DateTimeOffset? ClosedAt, IReadOnlyList<AcknowledgementDto> Acknowledgements, IReadOnlyList<NotificationRevision> History,
    DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset UpdatedAt, string UpdatedBy, bool Unread, IReadOnlyList<string> PlacesAsWritten)
{
    public static NotificationDto From(NotificationQueries.Row row)
    {
        var n = row.Notification;
        return new(n.Id, n.OwnerParty, n.Version, n.Status, n.Revision, n.Title, n.DiseaseCode, n.Places, n.GatePairs, n.AddresseeList,
            n.OnsetDate, n.DetectedDate, n.Suspected, n.Probable, n.Confirmed, n.Deaths, n.ImportedFrom, n.ExportedTo,
            n.Risk, n.RiskRationale, n.MeasuresTaken, n.Requests, n.Details, n.Language, n.TranslationRequested, n.Translations,
            n.SentAt, n.SentBy, n.AcknowledgementHours, n.AcknowledgementRuleId, n.AcknowledgeBy, n.ClosedAt,
            row.Addressees.Select(AcknowledgementDto.From).ToList(), n.History, n.CreatedAt, n.CreatedBy, n.UpdatedAt, n.UpdatedBy, row.Unread,
            n.PlacesAsWritten);
    }
}

/// <summary>One addressee's acknowledgement: when, by whom, on time or late; or the time left or that it is overdue.</summary>
public sealed record AcknowledgementDto(string Party, string State, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy, bool? OnTime, int? MinutesLeft)
{
    public static AcknowledgementDto From(AddresseeState s) => new(s.Party, StateName(s), s.AcknowledgedAt, s.AcknowledgedBy, s.OnTime,
        s.TimeLeft is { } left ? (int)Math.Floor(left.TotalMinutes) : null);

    public static string StateName(AddresseeState s) => s switch
    {
        { AcknowledgedAt: not null, OnTime: true } => "acknowledged",
        { AcknowledgedAt: not null } => "acknowledged-late",
        { Overdue: true } => "overdue",
        { TimeLeft: not null } => "awaiting",
        _ => "not-acknowledged",
    };
}

public sealed record ResponseDto(Guid Id, Guid NotificationId, string OwnerParty, ResponseKind Kind, int Revision, string Text, string Language,
    Visibility Visibility, IReadOnlyList<string> Audience, DateTimeOffset CreatedAt, string CreatedBy)
{
    public static ResponseDto From(NotificationResponse r) =>
        new(r.Id, r.NotificationId, r.OwnerParty, r.Kind, r.Revision, r.Text, r.Language, r.Visibility, r.Audience, r.CreatedAt, r.CreatedBy);
}
