using System.Text.Json.Serialization;
using Borderlink.Features.Alerts;
using Borderlink.Sharing;
using Borderlink.Sharing.Exchange;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Borderlink.Features.Agreements;

public enum AgreementKind
{
    MemorandumOfUnderstanding = 0,
    Agreement = 1,
    Arrangement = 2,
}

public enum AgreementStatus
{
    Draft = 0,
    InForce = 1,
    Expired = 2,
    Terminated = 3,
}

public enum AgreementMeetingRole
{
    /// <summary>The meeting at which it was signed or concluded.</summary>
    Made = 0,
    /// <summary>A later meeting that reviewed how it is carried out.</summary>
    Reviewed = 1,
}

/// <summary>
/// A memorandum of understanding, agreement or arrangement between parties of the mechanism: when it was signed, from
/// when it applies and until when, its status, and the meetings that made or reviewed it. Kept by one party (the
/// depositary) and shared with the other parties to it; the signed copies are its documents.
/// </summary>
[RecordType(TypeName)]
[RecordPage("/agreements/{Id}")]
[AlertWhenShared(Title = nameof(Title))]
public sealed class Agreement : CoordinationRecord
{
    public const string TypeName = "agreement";
    public const int TitleMax = 300;
    public const int TextMax = 20_000;

    public AgreementKind Kind { get; set; }
    public required string Title { get; set; }
    public string Summary { get; set; } = "";
    public required string Language { get; set; }
    /// <summary>The parties to it, the owner included, stored as "|CN-GX|VN-09|".</summary>
    public string Parties { get; set; } = "";
    public DateOnly? SignedOn { get; set; }
    public DateOnly? EffectiveFrom { get; set; }
    public DateOnly? ExpiresOn { get; set; }
    /// <summary>The status as recorded; <see cref="StatusOn"/> is what it is on a given day.</summary>
    public AgreementStatus Status { get; set; }
    public List<AgreementMeeting> Meetings { get; set; } = [];

    [JsonIgnore]
    public IReadOnlyList<string> PartyList => Codes.Split(Parties);

    /// <summary>An agreement in force past its expiry date is expired, whatever was recorded.</summary>
    public AgreementStatus StatusOn(DateOnly today) => Status == AgreementStatus.InForce && ExpiresOn is { } end && end < today ? AgreementStatus.Expired : Status;
}

public sealed class AgreementMeeting
{
    public Guid MeetingId { get; set; }
    public AgreementMeetingRole Role { get; set; }
}

/// <summary>A document of an agreement (the signed copy, an annex): PDF or image, seen by whoever sees the agreement.</summary>
[RecordType(TypeName)]
[RecordPage(Agreement.TypeName, nameof(AgreementId))]
public sealed class AgreementDocument : CoordinationRecord
{
    public const string TypeName = "agreement-document";
    public const int MaxBytes = 10 * 1024 * 1024;
    public const int MaxPerAgreement = 20;

    public Guid AgreementId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public int Size { get; set; }
    public required string Sha256 { get; set; }
    public required byte[] Content { get; set; }
}

internal sealed class AgreementConfig : IEntityTypeConfiguration<Agreement>
{
    public void Configure(EntityTypeBuilder<Agreement> b)
    {
        b.ConfigureRecord();
        b.Property(a => a.Title).HasMaxLength(Agreement.TitleMax);
        b.Property(a => a.Summary).HasMaxLength(Agreement.TextMax);
        b.Property(a => a.Language).HasMaxLength(16);
        b.Property(a => a.Parties).HasMaxLength(400);
        b.Ignore(a => a.PartyList);
        b.HasIndex(a => a.SignedOn);
        b.OwnsMany(a => a.Meetings, m => m.ToJson());
    }
}

internal sealed class AgreementDocumentConfig : IEntityTypeConfiguration<AgreementDocument>
{
    public void Configure(EntityTypeBuilder<AgreementDocument> b)
    {
        b.ConfigureRecord();
        b.Property(d => d.FileName).HasMaxLength(Borderlink.Web.UploadedFile.FileNameMax);
        b.Property(d => d.ContentType).HasMaxLength(100);
        b.Property(d => d.Sha256).HasMaxLength(64);
        b.HasIndex(d => d.AgreementId);
    }
}
