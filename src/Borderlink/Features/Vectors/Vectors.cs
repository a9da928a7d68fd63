using Borderlink.Data;
using Borderlink.Features.Reference;
using Borderlink.Sharing;
using Borderlink.Sharing.Exchange;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Borderlink.Features.Vectors;

/// <summary>What is watched at checkpoints: plague's rodent hosts and their fleas, mosquitoes (dengue), ticks.</summary>
public enum VectorKind
{
    Rodent = 0,
    Flea = 1,
    Mosquito = 2,
    Tick = 3,
}

/// <summary>
/// One day's vector or intermediate-host surveillance at a gate: traps set, animals caught or examined, the index that
/// follows (rodents per 100 traps, fleas per rodent, mosquito larvae per 100 houses or containers, ticks per host), and
/// any pathogen found. Shared with the party across the gate. Over its threshold — or with a pathogen — it suggests
/// notifying the partner.
/// </summary>
[RecordType(TypeName)]
[RecordPage("/vectors")]
public sealed class VectorObservation : CoordinationRecord
{
    public const string TypeName = "vector-observation";
    public const int TextMax = 1_000;

    public required string GatePair { get; set; }
    public DateOnly ObservedOn { get; set; }
    public VectorKind Kind { get; set; }
    public string Species { get; set; } = "";
    /// <summary>Traps set (rodents), hosts examined (fleas, ticks) or houses/containers inspected (mosquitoes): what the index divides by.</summary>
    public int Effort { get; set; }
    public int Count { get; set; }
    public double Index { get; set; }
    /// <summary>The threshold that applied when it was recorded (kept, so a later change of thresholds does not rewrite history).</summary>
    public double Threshold { get; set; }
    public string Pathogen { get; set; } = "";
    public string Notes { get; set; } = "";
    public required string Language { get; set; }

    [System.Text.Json.Serialization.JsonIgnore]
    public bool Positive => Pathogen.Length > 0;
    [System.Text.Json.Serialization.JsonIgnore]
    public bool SuggestsNotification => Positive || Index >= Threshold;

    /// <summary>Rodent density and mosquito indices are per 100; flea and tick indices per host examined.</summary>
    public static double IndexOf(VectorKind kind, int count, int effort) => effort <= 0 ? 0
        : kind is VectorKind.Rodent or VectorKind.Mosquito ? Math.Round(count * 100.0 / effort, 2) : Math.Round((double)count / effort, 2);
}

/// <summary>The index from which an observation suggests notifying the partner, per kind; kept by liaisons on this node.</summary>
public sealed class VectorThreshold
{
    public VectorKind Kind { get; set; }
    public double Index { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";

    /// <summary>Used until a liaison sets one: rodent density 1 per 100 traps, flea index 1 per rodent, Breteau-like index 20, 1 tick per host.</summary>
    public static double Default(VectorKind kind) => kind switch
    {
        VectorKind.Rodent => 1,
        VectorKind.Flea => 1,
        VectorKind.Mosquito => 20,
        _ => 1,
    };
}

/// <summary>Recording observations and keeping the thresholds.</summary>
public static class WatchVectors
{
    public sealed record Request(string? GatePair, DateOnly? ObservedOn, VectorKind Kind, string? Species, int Effort, int Count, string? Pathogen, string? Notes,
        string? Language);

    public static async Task<Outcome<VectorObservation>> RecordAsync(BorderlinkDb db, TimeProvider clock, Request r, CancellationToken ct = default)
    {
        var viewer = db.Viewer;
        if (viewer.Party is null || viewer.AgencyId is null || !viewer.IsOfficer) return new Outcome<VectorObservation>.Forbidden();
        var errors = new List<FieldError>();
        var gate = await db.GatePairs.AsNoTracking().OfParty(viewer.Party).FirstOrDefaultAsync(g => g.Code == r.GatePair, ct);
        if (gate is null) errors.Add(new("gatePair", "Error.UnknownGate", r.GatePair ?? ""));
        if (r.ObservedOn is null) errors.Add(new("observedOn", "Error.Required"));
        else if (r.ObservedOn > DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(1)) errors.Add(new("observedOn", "Error.DateInFuture"));
        if (!Enum.IsDefined(r.Kind)) errors.Add(new("kind", "Error.UnknownKind"));
        if (r.Effort is < 1 or > 1_000_000) errors.Add(new("effort", "Error.CountRange", 1_000_000));
        if (r.Count is < 0 or > 1_000_000) errors.Add(new("count", "Error.CountRange", 1_000_000));
        FieldChecks.Text(errors, "species", r.Species, 200, required: false);
        FieldChecks.Text(errors, "pathogen", r.Pathogen, 200, required: false);
        FieldChecks.Text(errors, "notes", r.Notes, VectorObservation.TextMax, required: false);
        if (!Languages.IsSupported(r.Language)) errors.Add(new("language", "Error.UnknownLanguage"));
        if (errors.Count > 0) return new Outcome<VectorObservation>.Invalid(errors);
        var threshold = await db.VectorThresholds.AsNoTracking().Where(t => t.Kind == r.Kind).Select(t => (double?)t.Index).FirstOrDefaultAsync(ct)
            ?? VectorThreshold.Default(r.Kind);
        var observation = new VectorObservation
        {
            OwnerParty = viewer.Party, OwnerAgencyId = viewer.AgencyId.Value, GatePair = gate!.Code, ObservedOn = r.ObservedOn!.Value, Kind = r.Kind,
            Species = r.Species?.Trim() ?? "", Effort = r.Effort, Count = r.Count, Index = VectorObservation.IndexOf(r.Kind, r.Count, r.Effort), Threshold = threshold,
            Pathogen = r.Pathogen?.Trim() ?? "", Notes = r.Notes?.Trim() ?? "", Language = Languages.Canonical(r.Language)!,
        };
        observation.SetVisibility(Visibility.Partners, [gate.Across(viewer.Party)], []);
        db.VectorObservations.Add(observation);
        await db.SaveChangesAsync(ct);
        return new Outcome<VectorObservation>.Done(observation, Created: true);
    }

    public static async Task<Outcome<VectorThreshold>> SetThresholdAsync(BorderlinkDb db, TimeProvider clock, VectorKind kind, double index, CancellationToken ct = default)
    {
        if (!db.Viewer.IsLiaison) return new Outcome<VectorThreshold>.Forbidden();
        if (!Enum.IsDefined(kind)) return new Outcome<VectorThreshold>.Invalid([new("kind", "Error.UnknownKind")]);
        if (index is <= 0 or > 100_000) return new Outcome<VectorThreshold>.Invalid([new("index", "Vectors.BadThreshold")]);
        var threshold = await db.VectorThresholds.FirstOrDefaultAsync(t => t.Kind == kind, ct);
        var created = threshold is null;
        threshold ??= db.VectorThresholds.Add(new VectorThreshold { Kind = kind }).Entity;
        threshold.Index = index;
        threshold.UpdatedAt = clock.GetUtcNow();
        threshold.UpdatedBy = db.Viewer.Name;
        db.Audit(Audit.AuditActions.Admin, Audit.AuditOutcomes.Ok, detail: Audit.AuditDetail.VectorThreshold(kind.ToString(), index));
        await db.SaveChangesAsync(ct);
        return new Outcome<VectorThreshold>.Done(threshold, created);
    }

    public static async Task<Dictionary<VectorKind, double>> ThresholdsAsync(BorderlinkDb db, CancellationToken ct = default)
    {
        var set = await db.VectorThresholds.AsNoTracking().ToDictionaryAsync(t => t.Kind, t => t.Index, ct);
        return Enum.GetValues<VectorKind>().ToDictionary(k => k, k => set.TryGetValue(k, out var v) ? v : VectorThreshold.Default(k));
    }
}

internal sealed class VectorObservationConfig : IEntityTypeConfiguration<VectorObservation>
{
    public void Configure(EntityTypeBuilder<VectorObservation> b)
    {
        b.ConfigureRecord();
        b.Property(v => v.GatePair).HasMaxLength(60);
        b.Property(v => v.Species).HasMaxLength(200);
        b.Property(v => v.Pathogen).HasMaxLength(200);
        b.Property(v => v.Notes).HasMaxLength(VectorObservation.TextMax);
        b.Property(v => v.Language).HasMaxLength(16);
        b.Ignore(v => v.Positive);
        b.Ignore(v => v.SuggestsNotification);
        b.HasIndex(v => new { v.GatePair, v.ObservedOn });
    }
}

internal sealed class VectorThresholdConfig : IEntityTypeConfiguration<VectorThreshold>
{
    public void Configure(EntityTypeBuilder<VectorThreshold> b)
    {
        b.HasKey(t => t.Kind);
        b.Property(t => t.UpdatedBy).HasMaxLength(256);
    }
}
