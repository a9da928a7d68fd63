using Borderlink.Features.Alerts;
using Borderlink.Sharing;
using Borderlink.Sharing.Exchange;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Borderlink.Features.Permits;

public enum SpecialItemCategory
{
    MicrobiologicalSample = 0,
    BiologicalProduct = 1,
    HumanTissue = 2,
    Organ = 3,
    Blood = 4,
}

/// <summary>UN packaging for infectious substances: Category A (UN2814, UN2900), Category B (UN3373), exempt specimens, or not infectious.</summary>
public enum PackagingClass
{
    UN2814 = 0,
    UN2900 = 1,
    UN3373 = 2,
    ExemptSpecimen = 3,
    NotInfectious = 4,
}

public enum PermitDecision
{
    Approved = 0,
    Rejected = 1,
}

/// <summary>
/// A permit to carry medical microbiological samples, biological products, human tissue, organs or blood through one
/// gate pair: who applies, what and how much, how it is packed, from when until when. Owned by the side that issues it
/// and shared with the side across the gate; it may be used only once both sides' quarantine authorities approved this
/// version, and only while valid. Crossings are recorded against it.
/// </summary>
[RecordType(TypeName)]
[RecordPage("/permits/{Id}")]
[AlertWhenShared(Title = nameof(Item))]
public sealed class SpecialItemPermit : CoordinationRecord
{
    public const string TypeName = "special-item-permit";
    public const int TextMax = 1_000;

    public required string GatePair { get; set; }
    public required string Applicant { get; set; }
    public string Consignee { get; set; } = "";
    public SpecialItemCategory Category { get; set; }
    public required string Item { get; set; }
    public double Quantity { get; set; }
    public string Unit { get; set; } = "";
    public PackagingClass Packaging { get; set; }
    /// <summary>Which way it goes: true from the Vietnamese side to the Chinese side.</summary>
    public bool TowardsChina { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly ValidTo { get; set; }
    public required string Language { get; set; }
}

/// <summary>A quarantine authority's decision on one version of a permit, owned by its party and shared with the other side.</summary>
[RecordType(TypeName)]
[RecordPage(SpecialItemPermit.TypeName, nameof(PermitId))]
[AlertWhenShared(Title = nameof(Note))]
public sealed class PermitApproval : CoordinationRecord
{
    public const string TypeName = "permit-approval";

    public Guid PermitId { get; set; }
    public long PermitVersion { get; set; }
    public PermitDecision Decision { get; set; }
    public string Note { get; set; } = "";
    public string DecidedBy { get; set; } = "";
}

/// <summary>Whether a permit may be used now: both sides approved its current version, none rejected it, and the day is within its validity.</summary>
public sealed record PermitState(IReadOnlyList<PermitApproval> Decisions, IReadOnlyList<string> AwaitingParties, string? RejectedBy)
{
    public bool Approved => AwaitingParties.Count == 0 && RejectedBy is null;

    public static PermitState Of(SpecialItemPermit permit, string[] sides, IEnumerable<PermitApproval> approvals)
    {
        var current = approvals.Where(a => a.PermitId == permit.Id && a.PermitVersion == permit.Version).ToList();
        var rejected = current.FirstOrDefault(a => a.Decision == PermitDecision.Rejected)?.OwnerParty;
        var awaiting = sides.Where(s => !current.Any(a => a.OwnerParty == s && a.Decision == PermitDecision.Approved)).ToList();
        return new PermitState(current, awaiting, rejected);
    }
}

internal sealed class SpecialItemPermitConfig : IEntityTypeConfiguration<SpecialItemPermit>
{
    public void Configure(EntityTypeBuilder<SpecialItemPermit> b)
    {
        b.ConfigureRecord();
        b.Property(p => p.GatePair).HasMaxLength(60);
        b.Property(p => p.Applicant).HasMaxLength(SpecialItemPermit.TextMax);
        b.Property(p => p.Consignee).HasMaxLength(SpecialItemPermit.TextMax);
        b.Property(p => p.Item).HasMaxLength(SpecialItemPermit.TextMax);
        b.Property(p => p.Unit).HasMaxLength(40);
        b.Property(p => p.Language).HasMaxLength(16);
        b.HasIndex(p => new { p.GatePair, p.ValidTo });
    }
}

internal sealed class PermitApprovalConfig : IEntityTypeConfiguration<PermitApproval>
{
    public void Configure(EntityTypeBuilder<PermitApproval> b)
    {
        b.ConfigureRecord();
        b.Property(a => a.Note).HasMaxLength(SpecialItemPermit.TextMax);
        b.Property(a => a.DecidedBy).HasMaxLength(256);
        b.HasIndex(a => a.PermitId);
    }
}
