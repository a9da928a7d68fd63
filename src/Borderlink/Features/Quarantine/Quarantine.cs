using Borderlink.Features.Screening;
using Borderlink.Sharing;
using Borderlink.Sharing.Exchange;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Borderlink.Features.Quarantine;

public enum FacilityKind
{
    Centralized = 0,
    Hotel = 1,
    Hospital = 2,
    AtTheGate = 3,
}

public enum StayOutcome
{
    Released = 0,
    Hospitalised = 1,
    Transferred = 2,
}

/// <summary>
/// A quarantine facility: where, how many it holds, and how full it is now. Owned by its party; the occupancy it
/// carries is kept in step with the stays, so a partner it is shared with sees how full it is without seeing who is in it.
/// </summary>
[RecordType(TypeName)]
[RecordPage("/quarantine/facilities/{Id}")]
public sealed class QuarantineFacility : CoordinationRecord
{
    public const string TypeName = "quarantine-facility";
    public const int NameMax = 200;

    public required string Name { get; set; }
    public FacilityKind Kind { get; set; }
    public string? PlaceCode { get; set; }
    /// <summary>Where it is, as its author wrote it, when the gazetteer does not know the place (shown "not in the gazetteer").</summary>
    public string? PlaceAsWritten { get; set; }
    public string? GatePair { get; set; }
    public int Capacity { get; set; }
    /// <summary>Percentage of capacity from which the party is alerted (e.g. 90).</summary>
    public int AlertAtPercent { get; set; } = 90;
    public int Occupancy { get; set; }
    /// <summary>When the facility last went over its alert level; null while it is under it (so the alert fires once per crossing).</summary>
    public DateTimeOffset? NearCapacitySince { get; set; }
    public bool Active { get; set; } = true;
    public required string Language { get; set; }

    [System.Text.Json.Serialization.JsonIgnore]
    public bool NearCapacity => Capacity > 0 && Occupancy * 100 >= Capacity * AlertAtPercent;
}

/// <summary>
/// One person's or one group's stay in a facility: who (personal, stays with its party), why they crossed, from when to
/// when planned, their tests, and how the stay ended.
/// </summary>
public sealed class QuarantineStay
{
    public const int TextMax = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Party { get; set; }
    public Guid FacilityId { get; set; }
    /// <summary>A person's name, or a group's label ("Expert group 12, Dự án điện gió").</summary>
    public required string Label { get; set; }
    /// <summary>1 for a person; the group's size otherwise.</summary>
    public int People { get; set; } = 1;
    public CrossingPurpose Purpose { get; set; }
    public string Nationality { get; set; } = "";
    public Guid? CrossingId { get; set; }
    public DateOnly StartedOn { get; set; }
    public DateOnly PlannedEnd { get; set; }
    public List<StayTest> Tests { get; set; } = [];
    public DateOnly? EndedOn { get; set; }
    public StayOutcome? Outcome { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public string RecordedBy { get; set; } = "";

    public bool Current => EndedOn is null;
}

public sealed class StayTest
{
    public DateOnly On { get; set; }
    public TestOutcome Result { get; set; }
}

internal sealed class QuarantineFacilityConfig : IEntityTypeConfiguration<QuarantineFacility>
{
    public void Configure(EntityTypeBuilder<QuarantineFacility> b)
    {
        b.ConfigureRecord();
        b.Property(f => f.Name).HasMaxLength(QuarantineFacility.NameMax);
        b.Property(f => f.PlaceCode).HasMaxLength(60);
        b.Property(f => f.PlaceAsWritten).HasMaxLength(Gazetteer.ResolvePlace.AsWrittenMax);
        b.Property(f => f.GatePair).HasMaxLength(60);
        b.Property(f => f.Language).HasMaxLength(16);
        b.Ignore(f => f.NearCapacity);
    }
}

internal sealed class QuarantineStayConfig : IEntityTypeConfiguration<QuarantineStay>
{
    public void Configure(EntityTypeBuilder<QuarantineStay> b)
    {
        b.HasKey(s => s.Id);
        b.Property(s => s.Party).HasMaxLength(16);
        b.Property(s => s.Label).HasMaxLength(QuarantineStay.TextMax);
        b.Property(s => s.Nationality).HasMaxLength(3);
        b.Property(s => s.RecordedBy).HasMaxLength(256);
        b.Ignore(s => s.Current);
        b.HasIndex(s => new { s.FacilityId, s.EndedOn });
        b.OwnsMany(s => s.Tests, t => t.ToJson());
    }
}
