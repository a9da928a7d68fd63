using Borderlink.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Borderlink.Features.Alerts;

/// <summary>
/// Something that concerns a reader, with a link to read it: shown in the alert centre (<c>/alerts</c>), on the home page
/// and counted in the header badge. An alert is written once, when its event happens, for one user (a deadline, a
/// reminder) or for everyone of a party (a record a partner shared with it) or for the node's administrators (a partner
/// node that stopped answering); each reader marks it read for themselves (<see cref="AlertRead"/>).
/// </summary>
public sealed class Alert
{
    public const string AcknowledgementOverdue = "ack-overdue";
    public const string MeasureDueSoon = "measure-due-soon";
    public const string MeasureOverdue = "measure-overdue";
    public const string FacilityNearCapacity = "facility-near-capacity";
    public const string GateCongested = "gate-congested";
    /// <summary>A record another party made visible to the reader's party: a new note, notification, meeting, answer, translation…</summary>
    public const string Shared = "shared";
    /// <summary>A partner node stopped answering (for administrators).</summary>
    public const string PartnerUnreachable = "partner-unreachable";

    public static readonly IReadOnlyList<string> Kinds =
        [Shared, AcknowledgementOverdue, MeasureDueSoon, MeasureOverdue, GateCongested, FacilityNearCapacity, PartnerUnreachable];

    /// <summary>How long an alert counts as unread if nobody opens it; older ones stay listed, read or not.</summary>
    public static readonly TimeSpan UnreadWindow = TimeSpan.FromDays(30);

    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>The one user the alert is for; null for an alert to a party's users or to administrators.</summary>
    public string? UserId { get; set; }
    /// <summary>With no <see cref="UserId"/>: every user of this party (null: of any party hosted here).</summary>
    public string? ForParty { get; set; }
    /// <summary>"|public-security|": only users of agencies of these functions, as for a restricted record; empty for all.</summary>
    public string ForFunctions { get; set; } = "";
    /// <summary>Only users in this role; null for any role.</summary>
    public string? ForRole { get; set; }
    public required string Kind { get; set; }
    /// <summary>The type of the record the alert is about (see <see cref="Sharing.RecordPages"/>); null for the kinds that link by <see cref="Kind"/>.</summary>
    public string? RecordType { get; set; }
    public Guid RecordId { get; set; }
    public required string Title { get; set; }
    /// <summary>The party the alert is about: whose acknowledgement is overdue, who owns the measure, who shared the record.</summary>
    public required string Addressee { get; set; }
    /// <summary>The moment the alert speaks of: a due time, or when it happened.</summary>
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Where the alert's record is read.</summary>
    public string Href => RecordType is not null ? Sharing.RecordPages.Link(RecordType, RecordId) : Kind switch
    {
        AcknowledgementOverdue => $"/notifications/{RecordId}",
        FacilityNearCapacity => $"/quarantine/facilities/{RecordId}",
        GateCongested => $"/traffic/{RecordId}",
        PartnerUnreachable => "/admin/partners",
        _ => $"/measures/{RecordId}",
    };
}

/// <summary>That one user has read one alert.</summary>
public sealed class AlertRead
{
    public required string UserId { get; set; }
    public Guid AlertId { get; set; }
    public DateTimeOffset ReadAt { get; set; }
}

internal sealed class AlertConfig : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> b)
    {
        b.HasKey(a => a.Id);
        b.Property(a => a.Kind).HasMaxLength(40);
        b.Property(a => a.Title).HasMaxLength(EventNotification.TitleMax);
        b.Property(a => a.Addressee).HasMaxLength(200);
        b.Property(a => a.ForParty).HasMaxLength(16);
        b.Property(a => a.ForFunctions).HasMaxLength(400);
        b.Property(a => a.ForRole).HasMaxLength(40);
        b.Property(a => a.RecordType).HasMaxLength(60);
        b.Ignore(a => a.Href);
        b.HasIndex(a => new { a.UserId, a.CreatedAt });
        b.HasIndex(a => new { a.ForParty, a.CreatedAt });
    }
}

internal sealed class AlertReadConfig : IEntityTypeConfiguration<AlertRead>
{
    public void Configure(EntityTypeBuilder<AlertRead> b)
    {
        b.HasKey(r => new { r.UserId, r.AlertId });
        b.HasIndex(r => r.AlertId);
    }
}
