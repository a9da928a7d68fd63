using Borderlink.Features.Alerts;
using Borderlink.Sharing;
using Borderlink.Sharing.Exchange;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Borderlink.Features.Meetings;

public enum MeetingKind
{
    TelephoneMeeting = 0,
    BorderGateMeeting = 1,
    Talks = 2,
    JwcConference = 3,
    SpringMeeting = 4,
    MedicalExchange = 5,
}

/// <summary>
/// A meeting of the mechanism — telephone meeting, brief meeting at a border gate, talks, the yearly Joint Working
/// Committee conference (numbered), spring meeting, medical exchange conference — online or at a place or gate, with
/// its schedule in the host's zone, participants, agenda, and the partner parties invited (its audience).
/// </summary>
[RecordType(TypeName)]
[RecordPage("/meetings/{Id}")]
[AlertWhenShared(Title = nameof(Title))]
public sealed class Meeting : CoordinationRecord
{
    public const string TypeName = "meeting";
    public const int TitleMax = 200;
    public const int TextMax = 20_000;

    public required string Title { get; set; }
    public MeetingKind Kind { get; set; }
    /// <summary>The conference's number, e.g. 13 for the 13th JWC conference.</summary>
    public int? Number { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    /// <summary>The IANA zone the meeting is planned in (the host's), written into calendar files.</summary>
    public required string TimeZone { get; set; }
    public bool Online { get; set; }
    /// <summary>A place, party or gate pair code, when the meeting is held at one the gazetteer knows.</summary>
    public string? PlaceCode { get; set; }
    /// <summary>Where it is held, as its author wrote it, when the gazetteer does not know the place (shown "not in the gazetteer").</summary>
    public string? PlaceAsWritten { get; set; }
    public string Location { get; set; } = "";
    public string Agenda { get; set; } = "";
    public List<MeetingParticipant> Participants { get; set; } = [];
    public bool Cancelled { get; set; }
    public required string Language { get; set; }
}

/// <summary>One delegation: a party, the agency, and who comes.</summary>
public sealed class MeetingParticipant
{
    public required string Party { get; set; }
    public string Agency { get; set; } = "";
    public string People { get; set; } = "";
}

/// <summary>A secret address at which one user's calendar program reads the meetings that user may see (stored hashed).</summary>
public sealed class CalendarFeed
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string UserId { get; set; }
    public required string SecretHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class MeetingConfig : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> b)
    {
        b.ConfigureRecord();
        b.Property(m => m.Title).HasMaxLength(Meeting.TitleMax);
        b.Property(m => m.TimeZone).HasMaxLength(64);
        b.Property(m => m.PlaceCode).HasMaxLength(60);
        b.Property(m => m.PlaceAsWritten).HasMaxLength(Gazetteer.ResolvePlace.AsWrittenMax);
        b.Property(m => m.Location).HasMaxLength(500);
        b.Property(m => m.Agenda).HasMaxLength(Meeting.TextMax);
        b.Property(m => m.Language).HasMaxLength(16);
        b.HasIndex(m => m.StartsAt);
        b.OwnsMany(m => m.Participants, p => p.ToJson());
    }
}

internal sealed class CalendarFeedConfig : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> b)
    {
        b.HasKey(f => f.Id);
        b.Property(f => f.SecretHash).HasMaxLength(64);
        b.HasIndex(f => f.SecretHash).IsUnique();
        b.HasIndex(f => f.UserId);
    }
}
