using Borderlink.Sharing;
using Borderlink.Sharing.Exchange;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Borderlink.Features.Screening;

public enum CrossingKind
{
    Traveller = 0,
    Vehicle = 1,
    Consignment = 2,
}

public enum CrossingDirection
{
    Entry = 0,
    Exit = 1,
}

/// <summary>Why a traveller crosses; "expert" and "skilled worker" are the seeds' 20,000 entering workers.</summary>
public enum CrossingPurpose
{
    Other = 0,
    Expert = 1,
    SkilledWorker = 2,
    Business = 3,
    Tourism = 4,
    BorderResident = 5,
    Driver = 6,
    Returning = 7,
}

/// <summary>A test's result. Positive = 2 is also the filter of the partial index on positives (IX_Crossings_Positive).</summary>
public enum TestOutcome
{
    NotTested = 0,
    Negative = 1,
    Positive = 2,
    Pending = 3,
}

/// <summary>What health quarantine decided: a traveller admitted, quarantined, referred to hospital or refused entry; a vehicle or consignment cleared, held or turned back.</summary>
public enum ScreeningDecision
{
    Admitted = 0,
    Quarantined = 1,
    Referred = 2,
    Refused = 3,
}

/// <summary>
/// One crossing screened at a gate — a traveller, a vehicle or a consignment — and what was decided. Operational data
/// of the party whose quarantine staff recorded it: it never leaves that party (partners see daily aggregates, see
/// <see cref="ScreeningSummary"/>) unless one record is deliberately shared as a <see cref="ScreeningExtract"/>.
/// Its id is the client's, so a batch sent again is never applied twice.
/// </summary>
public sealed class CrossingRecord
{
    public const int TextMax = 200;

    public Guid Id { get; set; }
    public required string Party { get; set; }
    public required string GatePair { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    /// <summary>The calendar day of the crossing in the party's zone, what daily counts group by.</summary>
    public DateOnly LocalDate { get; set; }
    public CrossingKind Kind { get; set; }
    public CrossingDirection Direction { get; set; }
    public CrossingPurpose Purpose { get; set; }
    /// <summary>ISO 3166-1 alpha-2 or alpha-3 code.</summary>
    public string Nationality { get; set; } = "";
    public string TravellerName { get; set; } = "";
    public string DocumentNumber { get; set; } = "";
    public bool HealthDeclaration { get; set; }
    public double? TemperatureC { get; set; }
    public bool Symptoms { get; set; }
    public TestOutcome Test { get; set; }
    public ScreeningDecision Decision { get; set; }
    public string VehiclePlate { get; set; } = "";
    public bool Disinfected { get; set; }
    public string Goods { get; set; } = "";
    public bool Sampled { get; set; }
    public Guid? PermitId { get; set; }
    public Guid BatchId { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>A batch of crossings received through the ingest API, kept so that the same batch sent again answers with its first result.</summary>
public sealed class CrossingBatch
{
    public Guid Id { get; set; }
    public required string Party { get; set; }
    public required string GatePair { get; set; }
    public int Lines { get; set; }
    public int Applied { get; set; }
    public int AlreadyPresent { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public string ReceivedBy { get; set; } = "";

    /// <summary>
    /// Set while the batch's rows are still arriving, written in chunks that each commit (the embedded engine): its rows
    /// are stored but nobody sees them until the batch is complete, and a batch left receiving by a stopped node is
    /// removed at the next start.
    /// </summary>
    public bool Receiving { get; set; }
}

/// <summary>
/// A party's daily screening counts at one gate — what its partner across the gate sees instead of the records:
/// crossings by kind and direction, travellers by purpose, decisions, test results, symptoms, disinfected vehicles,
/// sampled consignments. Recomputed from the records after every change of that day and published like any record.
/// </summary>
[RecordType(TypeName)]
[RecordPage("/gates/{GatePair}/screening")]
public sealed class ScreeningSummary : CoordinationRecord
{
    public const string TypeName = "screening-summary";

    public required string GatePair { get; set; }
    public DateOnly Date { get; set; }
    public List<ScreeningCount> Counts { get; set; } = [];

    public int Count(string dimension, string key) => Counts.FirstOrDefault(c => c.Dimension == dimension && c.Key == key)?.Value ?? 0;
}

/// <summary>One number of a summary: a dimension (kind, purpose, decision, test, …), a key in it, and the count.</summary>
public sealed class ScreeningCount
{
    public string Dimension { get; set; } = "";
    public string Key { get; set; } = "";
    public int Value { get; set; }
}

/// <summary>
/// One screening record deliberately shared with a partner (e.g. a positive traveller that a notification is about):
/// a copy owned by the recording party, with the reason the personal data may cross.
/// </summary>
[RecordType(TypeName)]
[RecordPage("/gates/{GatePair}/screening")]
public sealed class ScreeningExtract : CoordinationRecord
{
    public const string TypeName = "screening-extract";

    public Guid CrossingId { get; set; }
    public required string GatePair { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public CrossingKind Kind { get; set; }
    public CrossingDirection Direction { get; set; }
    public CrossingPurpose Purpose { get; set; }
    public string Nationality { get; set; } = "";
    [Personal]
    public string TravellerName { get; set; } = "";
    [Personal]
    public string DocumentNumber { get; set; } = "";
    public double? TemperatureC { get; set; }
    public bool Symptoms { get; set; }
    public TestOutcome Test { get; set; }
    public ScreeningDecision Decision { get; set; }
    [Personal]
    public string VehiclePlate { get; set; } = "";
    public string Goods { get; set; } = "";
}

internal sealed class CrossingConfig : IEntityTypeConfiguration<CrossingRecord>
{
    public void Configure(EntityTypeBuilder<CrossingRecord> b)
    {
        b.ToTable("Crossings");
        // The id is the gate system's: one party's own. Keyed with the party, another party's record of the same id is
        // another row, so an id never tells one party of another's crossing nor drops its own line.
        b.HasKey(c => new { c.Party, c.Id });
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.Party).HasMaxLength(16);
        b.Property(c => c.GatePair).HasMaxLength(60);
        b.Property(c => c.Nationality).HasMaxLength(3);
        b.Property(c => c.TravellerName).HasMaxLength(CrossingRecord.TextMax);
        b.Property(c => c.DocumentNumber).HasMaxLength(CrossingRecord.TextMax);
        b.Property(c => c.VehiclePlate).HasMaxLength(CrossingRecord.TextMax);
        b.Property(c => c.Goods).HasMaxLength(CrossingRecord.TextMax);
        // The dashboard and the daily counts read one gate's day; nothing else is indexed, to keep ingest fast.
        b.HasIndex(c => new { c.Party, c.GatePair, c.LocalDate });
        // Positives are few: a partial index finds the latest ones for the dashboard at no cost to ingest.
        b.HasIndex(c => new { c.Party, c.OccurredAt }).HasDatabaseName("IX_Crossings_Positive").HasFilter("\"Test\" = 2");
    }
}

internal sealed class CrossingBatchConfig : IEntityTypeConfiguration<CrossingBatch>
{
    public void Configure(EntityTypeBuilder<CrossingBatch> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Party).HasMaxLength(16);
        b.Property(x => x.GatePair).HasMaxLength(60);
        b.Property(x => x.ReceivedBy).HasMaxLength(256);
    }
}

internal sealed class ScreeningSummaryConfig : IEntityTypeConfiguration<ScreeningSummary>
{
    public void Configure(EntityTypeBuilder<ScreeningSummary> b)
    {
        b.ConfigureRecord();
        b.Property(s => s.GatePair).HasMaxLength(60);
        b.HasIndex(s => new { s.OwnerParty, s.GatePair, s.Date });
        b.OwnsMany(s => s.Counts, c => c.ToJson());
    }
}

internal sealed class ScreeningExtractConfig : IEntityTypeConfiguration<ScreeningExtract>
{
    public void Configure(EntityTypeBuilder<ScreeningExtract> b)
    {
        b.ConfigureRecord();
        b.Property(s => s.GatePair).HasMaxLength(60);
        b.Property(s => s.Nationality).HasMaxLength(3);
        b.Property(s => s.TravellerName).HasMaxLength(CrossingRecord.TextMax);
        b.Property(s => s.DocumentNumber).HasMaxLength(CrossingRecord.TextMax);
        b.Property(s => s.VehiclePlate).HasMaxLength(CrossingRecord.TextMax);
        b.Property(s => s.Goods).HasMaxLength(CrossingRecord.TextMax);
    }
}
