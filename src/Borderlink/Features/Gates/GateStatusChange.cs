using Borderlink.Features.Alerts;
using Borderlink.Sharing;
using Borderlink.Sharing.Exchange;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Borderlink.Features.Gates;

/// <summary>What crosses at a gate: people, goods, vehicles, and special items (samples, biological products, tissue and organs).</summary>
public enum GateFlow
{
    People = 0,
    Goods = 1,
    Vehicles = 2,
    SpecialItems = 3,
}

public enum GateState
{
    Open = 0,
    Restricted = 1,
    Closed = 2,
}

/// <summary>
/// One side of a gate pair says how one flow stands from a given moment: open, restricted or closed, with hours,
/// conditions and the reason. A change is never edited: the next change supersedes it, so the history is the list of
/// changes. Each change is published to the party on the other side of the pair.
/// </summary>
[RecordType(TypeName)]
[RecordPage("/gates/{GatePair}")]
[AlertWhenShared(Title = nameof(Reason))]
public sealed class GateStatusChange : CoordinationRecord
{
    public const string TypeName = "gate-status-change";
    public const int HoursMax = 100;
    public const int TextMax = 2000;

    public required string GatePair { get; set; }
    public GateFlow Flow { get; set; }
    public GateState State { get; set; }
    /// <summary>When the state takes effect (UTC); may be ahead of now, announcing a change.</summary>
    public DateTimeOffset EffectiveFrom { get; set; }
    /// <summary>Opening hours as the gate posts them, e.g. "07:00–19:00 (UTC+7)".</summary>
    public string? Hours { get; set; }
    public string Conditions { get; set; } = "";
    public string Reason { get; set; } = "";
    public required string Language { get; set; }
}

internal sealed class GateStatusChangeConfig : IEntityTypeConfiguration<GateStatusChange>
{
    public void Configure(EntityTypeBuilder<GateStatusChange> b)
    {
        b.ConfigureRecord();
        b.Property(c => c.GatePair).HasMaxLength(60);
        b.Property(c => c.Hours).HasMaxLength(GateStatusChange.HoursMax);
        b.Property(c => c.Conditions).HasMaxLength(GateStatusChange.TextMax);
        b.Property(c => c.Reason).HasMaxLength(GateStatusChange.TextMax);
        b.Property(c => c.Language).HasMaxLength(16);
        b.HasIndex(c => new { c.GatePair, c.EffectiveFrom });
    }
}
