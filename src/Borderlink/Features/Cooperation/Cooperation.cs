using Borderlink.Features.Alerts;
using Borderlink.Sharing;
using Borderlink.Sharing.Exchange;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Borderlink.Features.Cooperation;

public enum ActivityKind
{
    Drill = 0,
    Training = 1,
    PersonnelExchange = 2,
}

/// <summary>
/// A joint emergency-response drill (scenario, findings), a training programme or a personnel exchange (topic):
/// dates, place, who took part. Owned by the organising party; shared with the parties that took part.
/// </summary>
[RecordType(TypeName)]
[RecordPage("/cooperation/activities/{Id}")]
[AlertWhenShared(Title = nameof(Title))]
public sealed class JointActivity : CoordinationRecord
{
    public const string TypeName = "joint-activity";
    public const int TitleMax = 200;
    public const int TextMax = 20_000;

    public ActivityKind Kind { get; set; }
    public required string Title { get; set; }
    /// <summary>The drill's scenario, or the training's or exchange's topic.</summary>
    public string Subject { get; set; } = "";
    public DateOnly StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
    public string Location { get; set; } = "";
    public string Participants { get; set; } = "";
    /// <summary>What a drill showed; each finding is a candidate agreed measure.</summary>
    public string Findings { get; set; } = "";
    public required string Language { get; set; }
}

/// <summary>
/// A recognition such as the quarterly "Friendship Ambassador" title given to a border officer — who, of which party
/// and agency, for which quarter, and why. Owned by the party that gives it.
/// </summary>
[RecordType(TypeName)]
[RecordPage("/cooperation/recognitions/{Id}")]
public sealed class Recognition : CoordinationRecord
{
    public const string TypeName = "recognition";
    public const int NameMax = 200;

    public required string Title { get; set; }
    public int Year { get; set; }
    /// <summary>1 to 4.</summary>
    public int Quarter { get; set; }
    public required string PersonName { get; set; }
    /// <summary>The party of the person honoured (often the other side's).</summary>
    public required string PersonParty { get; set; }
    public string Agency { get; set; } = "";
    public string Citation { get; set; } = "";
    public required string Language { get; set; }
}

internal sealed class JointActivityConfig : IEntityTypeConfiguration<JointActivity>
{
    public void Configure(EntityTypeBuilder<JointActivity> b)
    {
        b.ConfigureRecord();
        b.Property(a => a.Title).HasMaxLength(JointActivity.TitleMax);
        b.Property(a => a.Subject).HasMaxLength(JointActivity.TextMax);
        b.Property(a => a.Location).HasMaxLength(500);
        b.Property(a => a.Participants).HasMaxLength(JointActivity.TextMax);
        b.Property(a => a.Findings).HasMaxLength(JointActivity.TextMax);
        b.Property(a => a.Language).HasMaxLength(16);
        b.HasIndex(a => a.StartsOn);
    }
}

internal sealed class RecognitionConfig : IEntityTypeConfiguration<Recognition>
{
    public void Configure(EntityTypeBuilder<Recognition> b)
    {
        b.ConfigureRecord();
        b.Property(r => r.Title).HasMaxLength(Recognition.NameMax);
        b.Property(r => r.PersonName).HasMaxLength(Recognition.NameMax);
        b.Property(r => r.PersonParty).HasMaxLength(16);
        b.Property(r => r.Agency).HasMaxLength(Recognition.NameMax);
        b.Property(r => r.Citation).HasMaxLength(JointActivity.TextMax);
        b.Property(r => r.Language).HasMaxLength(16);
        b.HasIndex(r => new { r.Year, r.Quarter });
    }
}
