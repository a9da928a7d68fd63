using System.Text.Json.Serialization;
using Borderlink.Features.Alerts;
using Borderlink.Sharing;
using Borderlink.Sharing.Exchange;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

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
    /// <summary>The shared rule that set <see cref="AcknowledgementHours"/>; null when the law did (the stricter of the two countries' hours).</summary>
    public Guid? AcknowledgementRuleId { get; set; }
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
    public const char AsWritten = Gazetteer.ResolvePlace.AsWrittenMark;
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

internal sealed class EventNotificationConfig : IEntityTypeConfiguration<EventNotification>
{
    public void Configure(EntityTypeBuilder<EventNotification> b)
    {
        b.ConfigureRecord();
        b.Property(n => n.Title).HasMaxLength(EventNotification.TitleMax);
        b.Property(n => n.DiseaseCode).HasMaxLength(40);
        b.Property(n => n.PlaceCodes).HasMaxLength(1000);
        b.Property(n => n.GatePairCodes).HasMaxLength(1000);
        b.Property(n => n.Addressees).HasMaxLength(400);
        b.Property(n => n.ImportedFrom).HasMaxLength(EventNotification.NameMax);
        b.Property(n => n.ExportedTo).HasMaxLength(EventNotification.NameMax);
        b.Property(n => n.RiskRationale).HasMaxLength(EventNotification.ShortTextMax);
        b.Property(n => n.MeasuresTaken).HasMaxLength(EventNotification.TextMax);
        b.Property(n => n.Requests).HasMaxLength(EventNotification.TextMax);
        b.Property(n => n.Details).HasMaxLength(EventNotification.TextMax);
        b.Property(n => n.Language).HasMaxLength(16);
        b.Property(n => n.TranslationRequested).HasMaxLength(16);
        b.Property(n => n.SentBy).HasMaxLength(256);
        b.HasIndex(n => new { n.Status, n.AcknowledgeBy });
        b.HasIndex(n => n.DiseaseCode);
        b.OwnsMany(n => n.Translations, t => t.ToJson());
        b.OwnsMany(n => n.History, h => h.ToJson());
    }
}

internal sealed class NotificationResponseConfig : IEntityTypeConfiguration<NotificationResponse>
{
    public void Configure(EntityTypeBuilder<NotificationResponse> b)
    {
        b.ConfigureRecord();
        b.Property(r => r.NotificationOwner).HasMaxLength(16);
        b.Property(r => r.Text).HasMaxLength(NotificationResponse.TextMax);
        b.Property(r => r.Language).HasMaxLength(16);
        b.HasIndex(r => new { r.NotificationId, r.Kind });
    }
}

internal sealed class NotificationEscalationConfig : IEntityTypeConfiguration<NotificationEscalation>
{
    public void Configure(EntityTypeBuilder<NotificationEscalation> b)
    {
        b.HasKey(e => e.Id);
        b.Property(e => e.Addressee).HasMaxLength(16);
        b.Property(e => e.ForParty).HasMaxLength(16);
        b.HasIndex(e => new { e.NotificationId, e.Addressee, e.ForParty }).IsUnique();
    }
}

internal sealed class NotificationReadConfig : IEntityTypeConfiguration<NotificationRead>
{
    public void Configure(EntityTypeBuilder<NotificationRead> b) => b.HasKey(r => new { r.UserId, r.NotificationId });
}
