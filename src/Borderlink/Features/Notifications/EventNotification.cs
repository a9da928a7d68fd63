using Borderlink.Features.Alerts;
using System.Text.Json.Serialization;
using Borderlink.Sharing;
using Borderlink.Sharing.Exchange;

namespace Borderlink.Features.Notifications;

public enum RiskLevel
{
    Low = 0,
    Moderate = 1,
    High = 2,
    VeryHigh = 3,
}

/// <summary>draft → sent → (acknowledged per addressee) → updated → closed.</summary>
public enum NotificationStatus
{
    Draft = 0,
    Sent = 1,
    Updated = 2,
    Closed = 3,
}

/// <summary>
/// An infectious-disease event one party tells its partners about. Officers draft it (Internal to their party); a
/// liaison sends it to addressee parties, which starts each addressee's acknowledgement clock. After sending, every
/// change is a published update: the previous content is kept in <see cref="History"/> and travels with the record.
/// </summary>
[RecordType(TypeName)]
[RecordPage("/notifications/{Id}")]
[AlertWhenShared(Title = nameof(Title))]
public sealed class EventNotification : CoordinationRecord
{
    public const string TypeName = "event-notification";
    public const int TitleMax = 200;
    public const int TextMax = 20_000;
    public const int ShortTextMax = 2_000;
    public const int NameMax = 200;
    public const int CountMax = 10_000_000;

    public required string Title { get; set; }
    public required string DiseaseCode { get; set; }
    /// <summary>
    /// Places (reference place or party codes, resolved through the gazetteer), stored as "|VN-09-DD|VN-09|"; a name the
    /// gazetteer does not know, kept as its author wrote it, is stored with a leading "~" ("|VN-09|~Bản Nà Pàn|").
    /// </summary>
    public string PlaceCodes { get; set; } = "";
    /// <summary>Gate pairs concerned, stored as "|HUUNGHI-YOUYIGUAN|".</summary>
    public string GatePairCodes { get; set; } = "";
    /// <summary>The parties the notification is (or will be) sent to, stored as "|CN-GX|".</summary>
    public string Addressees { get; set; } = "";
    /// <summary>How many parties <see cref="Addressees"/> names, kept so the inbox can count missing acknowledgements in SQL.</summary>
    public int AddresseeCount { get; set; }
    public DateOnly? OnsetDate { get; set; }
    public DateOnly? DetectedDate { get; set; }
    public int Suspected { get; set; }
    public int Probable { get; set; }
    public int Confirmed { get; set; }
    public int Deaths { get; set; }
    public string? ImportedFrom { get; set; }
    public string? ExportedTo { get; set; }
    public RiskLevel Risk { get; set; }
    public string RiskRationale { get; set; } = "";
    public string MeasuresTaken { get; set; } = "";
    public string Requests { get; set; } = "";
    public string Details { get; set; } = "";
    /// <summary>Culture name of the original text.</summary>
    public required string Language { get; set; }
    public string? TranslationRequested { get; set; }
    public List<NotificationTranslation> Translations { get; set; } = [];

    public NotificationStatus Status { get; set; }
    /// <summary>0 until sent; 1 when sent; grows by one with every published update.</summary>
    public int Revision { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? SentBy { get; set; }
    /// <summary>The acknowledgement deadline in hours, fixed when the notification is sent (later changes to the disease do not move it).</summary>
    public int? AcknowledgementHours { get; set; }
    /// <summary>UTC instant each addressee must acknowledge by.</summary>
    public DateTimeOffset? AcknowledgeBy { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    /// <summary>What earlier revisions said, oldest first.</summary>
    public List<NotificationRevision> History { get; set; } = [];

    [JsonIgnore]
    public IReadOnlyList<string> Places => Codes.Split(PlaceCodes).Where(c => !c.StartsWith(AsWritten)).ToList();
    /// <summary>The names kept as written: not in the gazetteer when the notification was written.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> PlacesAsWritten => Codes.Split(PlaceCodes).Where(c => c.StartsWith(AsWritten)).Select(c => c[1..]).ToList();

    /// <summary>Marks a place name kept as written in <see cref="PlaceCodes"/>.</summary>
    public const char AsWritten = '~';
    [JsonIgnore]
    public IReadOnlyList<string> GatePairs => Codes.Split(GatePairCodes);
    [JsonIgnore]
    public IReadOnlyList<string> AddresseeList => Codes.Split(Addressees);
    [JsonIgnore]
    public bool IsOpen => Status is NotificationStatus.Sent or NotificationStatus.Updated;

    public void SetAddressees(IEnumerable<string> parties)
    {
        Addressees = Codes.Join(parties);
        AddresseeCount = AddresseeList.Count;
    }

    public NotificationRevision Snapshot() => new()
    {
        Revision = Revision, PublishedAt = History.Count == 0 ? SentAt ?? UpdatedAt : UpdatedAt, PublishedBy = UpdatedBy,
        Title = Title, PlaceCodes = PlaceCodes, GatePairCodes = GatePairCodes, OnsetDate = OnsetDate, DetectedDate = DetectedDate,
        Suspected = Suspected, Probable = Probable, Confirmed = Confirmed, Deaths = Deaths, ImportedFrom = ImportedFrom, ExportedTo = ExportedTo,
        Risk = Risk, RiskRationale = RiskRationale, MeasuresTaken = MeasuresTaken, Requests = Requests, Details = Details,
    };
}

/// <summary>The content of one earlier published revision of a notification.</summary>
public sealed class NotificationRevision
{
    public int Revision { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public string PublishedBy { get; set; } = "";
    public string Title { get; set; } = "";
    public string PlaceCodes { get; set; } = "";
    public string GatePairCodes { get; set; } = "";
    public DateOnly? OnsetDate { get; set; }
    public DateOnly? DetectedDate { get; set; }
    public int Suspected { get; set; }
    public int Probable { get; set; }
    public int Confirmed { get; set; }
    public int Deaths { get; set; }
    public string? ImportedFrom { get; set; }
    public string? ExportedTo { get; set; }
    public RiskLevel Risk { get; set; }
    public string RiskRationale { get; set; } = "";
    public string MeasuresTaken { get; set; } = "";
    public string Requests { get; set; } = "";
    public string Details { get; set; } = "";
}

/// <summary>A translation of a notification's free text, kept beside the original.</summary>
public sealed class NotificationTranslation
{
    public required string Language { get; set; }
    public required string Title { get; set; }
    public string Details { get; set; } = "";
    public string RiskRationale { get; set; } = "";
    public string MeasuresTaken { get; set; } = "";
    public string Requests { get; set; } = "";
    public string TranslatedBy { get; set; } = "";
    public DateTimeOffset TranslatedAt { get; set; }
}

public enum ResponseKind
{
    Acknowledgement = 0,
    InformationRequest = 1,
    MeasuresTaken = 2,
    Information = 3,
}

/// <summary>
/// A party's answer to a notification: its acknowledgement, a request for information, the measures it took, or (from
/// the owner) further information. It is the answering party's own record and travels back through the exchange.
/// </summary>
[RecordType(TypeName)]
[RecordPage(EventNotification.TypeName, nameof(NotificationId))]
[AlertWhenShared(Title = nameof(Text))]
public sealed class NotificationResponse : CoordinationRecord
{
    public const string TypeName = "notification-response";
    public const int TextMax = 20_000;

    public Guid NotificationId { get; set; }
    public required string NotificationOwner { get; set; }
    public ResponseKind Kind { get; set; }
    /// <summary>The notification revision the party had in front of it.</summary>
    public int Revision { get; set; }
    public string Text { get; set; } = "";
    public required string Language { get; set; }
}

/// <summary>One escalation of an overdue acknowledgement, for one party's side (local state, never shared). Unique, so it fires once.</summary>
public sealed class NotificationEscalation
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid NotificationId { get; set; }
    public required string Addressee { get; set; }
    /// <summary>The party whose coordinators were alerted: the owner or the addressee, when this node hosts it.</summary>
    public required string ForParty { get; set; }
    public DateTimeOffset EscalatedAt { get; set; }
}

/// <summary>The version of a notification a user last opened; anything newer is unread.</summary>
public sealed class NotificationRead
{
    public required string UserId { get; set; }
    public Guid NotificationId { get; set; }
    public long Version { get; set; }
    public DateTimeOffset ReadAt { get; set; }
}

/// <summary>"|A|B|" code lists, as used for audiences.</summary>
public static class Codes
{
    public static string[] Split(string stored) => stored.Split('|', StringSplitOptions.RemoveEmptyEntries);

    public static string Join(IEnumerable<string> codes)
    {
        var distinct = codes.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count == 0 ? "" : "|" + string.Join('|', distinct) + "|";
    }
}
