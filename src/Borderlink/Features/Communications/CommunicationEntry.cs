using Borderlink.Sharing;
using Borderlink.Sharing.Exchange;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Borderlink.Features.Communications;

public enum CommunicationChannel
{
    Hotline = 0,
    TelephoneMeeting = 1,
    BorderMeeting = 2,
    Letter = 3,
    Message = 4,
}

public enum CommunicationCategory
{
    Epidemic = 0,
    Crime = 1,
    BorderGateSafety = 2,
    TradeClearance = 3,
    Other = 4,
}

public enum CommunicationDirection
{
    Incoming = 0,
    Outgoing = 1,
}

/// <summary>
/// One entry of a party's communication log: a hotline call, a telephone or border meeting, a letter or a message with
/// a partner — when, with whom, about what, and what follows up. Crime-related entries may only be shared restricted
/// to public security and border defence.
/// </summary>
[RecordType(TypeName)]
[RecordPage("/communications/{Id}")]
public sealed class CommunicationEntry : CoordinationRecord
{
    public const string TypeName = "communication";
    public const int SubjectMax = 200;
    public const int TextMax = 10_000;
    public static readonly string[] CrimeFunctions = ["public-security", "border-defence"];

    public DateTimeOffset OccurredAt { get; set; }
    public CommunicationChannel Channel { get; set; }
    public CommunicationDirection Direction { get; set; }
    public CommunicationCategory Category { get; set; }
    public required string CounterpartParty { get; set; }
    /// <summary>The partner's agency, when known (reference data).</summary>
    public Guid? CounterpartAgencyId { get; set; }
    public required string Subject { get; set; }
    public string Summary { get; set; } = "";
    public string FollowUp { get; set; } = "";
    public bool FollowUpDone { get; set; }
    public required string Language { get; set; }
}

internal sealed class CommunicationEntryConfig : IEntityTypeConfiguration<CommunicationEntry>
{
    public void Configure(EntityTypeBuilder<CommunicationEntry> b)
    {
        b.ConfigureRecord();
        b.Property(e => e.CounterpartParty).HasMaxLength(16);
        b.Property(e => e.Subject).HasMaxLength(CommunicationEntry.SubjectMax);
        b.Property(e => e.Summary).HasMaxLength(CommunicationEntry.TextMax);
        b.Property(e => e.FollowUp).HasMaxLength(CommunicationEntry.TextMax);
        b.Property(e => e.Language).HasMaxLength(16);
        b.HasIndex(e => new { e.OwnerParty, e.OccurredAt });
    }
}
