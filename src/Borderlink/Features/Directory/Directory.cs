using Borderlink.Sharing;
using Borderlink.Sharing.Exchange;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Borderlink.Features.Directory;

public enum ContactKind
{
    Hotline = 0,
    LiaisonOfficer = 1,
}

/// <summary>
/// A party's published contact: an agency hotline (number, hours) or a liaison officer (name, the languages they
/// speak). Shared with the mechanism's partners by default, so each side can find whom to call.
/// </summary>
[RecordType(TypeName)]
[RecordPage("/directory/{Id}")]
public sealed class ContactEntry : CoordinationRecord
{
    public const string TypeName = "contact";
    public const int FieldMax = 200;

    public ContactKind Kind { get; set; }
    public Guid AgencyId { get; set; }
    /// <summary>The hotline's label or the officer's name.</summary>
    public required string Name { get; set; }
    public string Phone { get; set; } = "";
    public string Email { get; set; } = "";
    /// <summary>When the hotline answers, as posted ("24/7", "07:30–17:00 UTC+7").</summary>
    public string Hours { get; set; } = "";
    /// <summary>Languages spoken, stored as "|vi|zh-Hans|".</summary>
    public string Languages { get; set; } = "";
    /// <summary>Folded name, agency, phone and languages, for search in any spelling.</summary>
    public string SearchText { get; set; } = "";
}

/// <summary>Who answers a hotline when: one shift of the duty roster.</summary>
[RecordType(TypeName)]
[RecordPage("/directory")]
public sealed class DutyShift : CoordinationRecord
{
    public const string TypeName = "duty-shift";

    public Guid HotlineId { get; set; }
    public required string OfficerName { get; set; }
    public string Phone { get; set; } = "";
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
}

internal sealed class ContactEntryConfig : IEntityTypeConfiguration<ContactEntry>
{
    public void Configure(EntityTypeBuilder<ContactEntry> b)
    {
        b.ConfigureRecord();
        b.Property(c => c.Name).HasMaxLength(ContactEntry.FieldMax);
        b.Property(c => c.Phone).HasMaxLength(ContactEntry.FieldMax);
        b.Property(c => c.Email).HasMaxLength(ContactEntry.FieldMax);
        b.Property(c => c.Hours).HasMaxLength(ContactEntry.FieldMax);
        b.Property(c => c.Languages).HasMaxLength(100);
        b.Property(c => c.SearchText).HasMaxLength(2000);
    }
}

internal sealed class DutyShiftConfig : IEntityTypeConfiguration<DutyShift>
{
    public void Configure(EntityTypeBuilder<DutyShift> b)
    {
        b.ConfigureRecord();
        b.Property(s => s.OfficerName).HasMaxLength(ContactEntry.FieldMax);
        b.Property(s => s.Phone).HasMaxLength(ContactEntry.FieldMax);
        b.HasIndex(s => new { s.HotlineId, s.StartsAt });
    }
}
