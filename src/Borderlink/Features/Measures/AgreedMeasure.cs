using Borderlink.Features.Alerts;
using Borderlink.Sharing;
using Borderlink.Sharing.Exchange;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Borderlink.Features.Measures;

public enum MeasureStatus
{
    Planned = 0,
    InProgress = 1,
    Done = 2,
    Dropped = 3,
}

/// <summary>Where a measure was agreed.</summary>
public enum MeasureSource
{
    Meeting = 0,
    Minutes = 1,
    Agreement = 2,
    Drill = 3,
}

/// <summary>
/// An action item two sides agreed — at a meeting, in minutes, in an agreement, or from a drill's findings. The record
/// belongs to the party that must carry it out (its owner) and the agency responsible; only that party changes it and
/// reports progress. It is shared with the parties it concerns, who follow it until it is done or dropped.
/// </summary>
[RecordType(TypeName)]
[RecordPage("/measures/{Id}")]
[AlertWhenShared(Title = nameof(What))]
public sealed class AgreedMeasure : CoordinationRecord
{
    public const string TypeName = "agreed-measure";
    public const int TextMax = 4_000;
    public const int ProgressMax = 200;

    public required string What { get; set; }
    public required string Language { get; set; }
    public DateOnly DueOn { get; set; }
    public MeasureStatus Status { get; set; }
    public MeasureSource SourceKind { get; set; }
    public Guid SourceId { get; set; }
    /// <summary>The meeting it follows up (the meeting itself, the minutes' meeting, or the meeting that made the agreement); null for a drill.</summary>
    public Guid? MeetingId { get; set; }
    public List<MeasureProgress> Progress { get; set; } = [];

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsOpen => Status is MeasureStatus.Planned or MeasureStatus.InProgress;

    /// <summary>Open and past its due date on the given day (the owner's calendar day).</summary>
    public bool IsOverdueOn(DateOnly today) => IsOpen && DueOn < today;
}

/// <summary>One progress report by the owner: the status it moved to, what was done, and the evidence (a reference, a link, a document number).</summary>
public sealed class MeasureProgress
{
    public DateTimeOffset At { get; set; }
    public string By { get; set; } = "";
    public MeasureStatus Status { get; set; }
    public string Note { get; set; } = "";
    public string Evidence { get; set; } = "";
    public string Language { get; set; } = "";
}

/// <summary>A reminder already given for a measure (one per kind and due date), so the watch reminds once even with several instances.</summary>
public sealed class MeasureReminder
{
    public Guid MeasureId { get; set; }
    public required string Kind { get; set; }
    public DateOnly DueOn { get; set; }
    public DateTimeOffset RemindedAt { get; set; }
}

internal sealed class AgreedMeasureConfig : IEntityTypeConfiguration<AgreedMeasure>
{
    public void Configure(EntityTypeBuilder<AgreedMeasure> b)
    {
        b.ConfigureRecord();
        b.Property(m => m.What).HasMaxLength(AgreedMeasure.TextMax);
        b.Property(m => m.Language).HasMaxLength(16);
        b.Ignore(m => m.IsOpen);
        b.HasIndex(m => m.MeetingId);
        b.HasIndex(m => new { m.SourceKind, m.SourceId });
        b.HasIndex(m => new { m.Status, m.DueOn });
        b.OwnsMany(m => m.Progress, p => p.ToJson());
    }
}

internal sealed class MeasureReminderConfig : IEntityTypeConfiguration<MeasureReminder>
{
    public void Configure(EntityTypeBuilder<MeasureReminder> b)
    {
        b.HasKey(r => new { r.MeasureId, r.Kind, r.DueOn });
        b.Property(r => r.Kind).HasMaxLength(40);
    }
}
