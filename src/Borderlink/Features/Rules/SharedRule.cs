using System.Text.Json.Serialization;
using Borderlink.Features.Alerts;
using Borderlink.Sharing;
using Borderlink.Sharing.Exchange;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Borderlink.Features.Rules;

/// <summary>What a shared rule sets: each kind has its subject and the unit of its value.</summary>
public enum RuleKind
{
    /// <summary>Hours an addressee has to acknowledge a notification of one disease (subject: the disease code).</summary>
    AcknowledgementHours = 0,
    /// <summary>Days after a reporting period ends by which its situation report is due (subject: "week" or "day").</summary>
    ReportingDueDays = 1,
}

/// <summary>What a party bound by a rule answers: it accepts the proposal, declines it, or (once accepted) ends it.</summary>
public enum RuleAnswerKind
{
    Accepted = 0,
    Declined = 1,
    Ended = 2,
}

/// <summary>Where a rule stands, the same on every node that holds the rule and its answers.</summary>
public enum RuleState
{
    /// <summary>Waiting for a party's answer.</summary>
    Proposed = 0,
    /// <summary>Every party accepted: both sides compute with it.</summary>
    InForce = 1,
    /// <summary>A party declined it; it never applied.</summary>
    Declined = 2,
    /// <summary>A party bound by it ended it after accepting.</summary>
    Ended = 3,
    /// <summary>Its proposer withdrew it.</summary>
    Withdrawn = 4,
    /// <summary>A later rule on the same subject binding the same parties came into force.</summary>
    Superseded = 5,
}

/// <summary>
/// A rule the parties of the mechanism compute with and that no party may set alone (issue 18 item 1): how long an
/// addressee has to acknowledge a notification of a disease, when a situation report is due. Proposed by one party (the
/// owner) to the parties it would bind, it applies only once each of them has accepted it with an answer of its own.
/// Its terms never change after the proposal; a new value is a new rule, which supersedes this one when it comes into
/// force. Either side may end it (the proposer by withdrawing, the others by answering "ended"); the law applies again.
/// </summary>
[RecordType(TypeName)]
[RecordPage("/rules/{Id}")]
[AlertWhenShared(Title = nameof(Reason))]
public sealed class SharedRule : CoordinationRecord
{
    public const string TypeName = "shared-rule";
    public const int ReasonMax = 2_000;

    public RuleKind Kind { get; set; }
    /// <summary>What the rule is about: a disease code, or the reporting period ("week", "day").</summary>
    public required string Subject { get; set; }
    /// <summary>Hours or days, by <see cref="Kind"/>.</summary>
    public int Value { get; set; }
    /// <summary>Every party it binds, the proposer included, stored as "|CN-GX|VN-09|".</summary>
    public string Parties { get; set; } = "";
    /// <summary>Why the proposer asks for it, in its own words.</summary>
    public string Reason { get; set; } = "";
    public required string Language { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }

    [JsonIgnore]
    public IReadOnlyList<string> PartyList => Codes.Split(Parties);

    /// <summary>The parties whose acceptance it waits for.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Counterparts => PartyList.Where(p => p != OwnerParty).ToList();

    public bool Binds(string party) => PartyList.Contains(party);
}

/// <summary>The answer of one party bound by a rule: owned by that party and shared with every party of the rule.</summary>
[RecordType(TypeName)]
[RecordPage(SharedRule.TypeName, nameof(RuleId))]
[AlertWhenShared(Title = nameof(Note))]
public sealed class SharedRuleAnswer : CoordinationRecord
{
    public const string TypeName = "shared-rule-answer";
    public const int NoteMax = 2_000;

    public Guid RuleId { get; set; }
    public required string RuleOwner { get; set; }
    public RuleAnswerKind Kind { get; set; }
    public string Note { get; set; } = "";
    /// <summary>Culture name of the note.</summary>
    public required string Language { get; set; }
    public DateTimeOffset AnsweredAt { get; set; }
}

internal sealed class SharedRuleConfig : IEntityTypeConfiguration<SharedRule>
{
    public void Configure(EntityTypeBuilder<SharedRule> b)
    {
        b.ConfigureRecord();
        b.Property(r => r.Subject).HasMaxLength(60);
        b.Property(r => r.Parties).HasMaxLength(400);
        b.Property(r => r.Reason).HasMaxLength(SharedRule.ReasonMax);
        b.Property(r => r.Language).HasMaxLength(16);
        b.Ignore(r => r.PartyList);
        b.Ignore(r => r.Counterparts);
        b.HasIndex(r => new { r.Kind, r.Subject });
    }
}

internal sealed class SharedRuleAnswerConfig : IEntityTypeConfiguration<SharedRuleAnswer>
{
    public void Configure(EntityTypeBuilder<SharedRuleAnswer> b)
    {
        b.ConfigureRecord();
        b.Property(a => a.RuleOwner).HasMaxLength(16);
        b.Property(a => a.Note).HasMaxLength(SharedRuleAnswer.NoteMax);
        b.Property(a => a.Language).HasMaxLength(16);
        b.HasIndex(a => a.RuleId);
    }
}
