using Borderlink.Data;
using Borderlink.Features.Agreements;
using Borderlink.Features.Communications;
using Borderlink.Features.Cooperation;
using Borderlink.Features.Measures;
using Borderlink.Features.Meetings;
using Borderlink.Sharing;
using Borderlink.Web;

namespace Borderlink.Features.Translation;

/// <summary>One free-text field that can carry translations: where its text and language are, how it is labelled, where the record is read.</summary>
public sealed record TranslatableField(string Type, string Field, string LabelKey, Func<CoordinationRecord, string> Text, Func<CoordinationRecord, string> Language,
    Func<Guid, string> Href)
{
    public static string Hash(string text) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}

/// <summary>
/// The free-text fields of the mechanism's records that take translations through the queue. Notes and notifications
/// also keep their owner's translations inside the record, and join the queue through their "translation requested" flag too.
/// </summary>
public static class Translatable
{
    public static readonly IReadOnlyList<TranslatableField> Fields =
    [
        // A partner's translators give translations of notes and notifications as records of their own (the owner's stay inside the record).
        Of<Notes.LiaisonNote>(Notes.LiaisonNote.TypeName, "title", "Notes.NoteTitle", n => n.Title, n => n.Language, id => $"/notes/{id}"),
        Of<Notes.LiaisonNote>(Notes.LiaisonNote.TypeName, "body", "Notes.Body", n => n.Body, n => n.Language, id => $"/notes/{id}"),
        Of<Notifications.EventNotification>(Notifications.EventNotification.TypeName, "title", "Notifications.Headline", n => n.Title, n => n.Language,
            id => $"/notifications/{id}"),
        Of<Notifications.EventNotification>(Notifications.EventNotification.TypeName, "details", "Notifications.Details", n => n.Details, n => n.Language,
            id => $"/notifications/{id}"),
        Of<Meeting>(Meeting.TypeName, "title", "Meetings.Meeting", m => m.Title, m => m.Language, id => $"/meetings/{id}"),
        Of<Meeting>(Meeting.TypeName, "agenda", "Meetings.Agenda", m => m.Agenda, m => m.Language, id => $"/meetings/{id}"),
        Of<AgreedMeasure>(AgreedMeasure.TypeName, "what", "Measures.What", m => m.What, m => m.Language, id => $"/measures/{id}"),
        Of<Agreement>(Agreement.TypeName, "title", "Agreements.Agreement", a => a.Title, a => a.Language, id => $"/agreements/{id}"),
        Of<Agreement>(Agreement.TypeName, "summary", "Agreements.Summary", a => a.Summary, a => a.Language, id => $"/agreements/{id}"),
        Of<JointActivity>(JointActivity.TypeName, "subject", "Coop.Subject", a => a.Subject, a => a.Language, id => $"/cooperation/activities/{id}"),
        Of<JointActivity>(JointActivity.TypeName, "findings", "Coop.Findings", a => a.Findings, a => a.Language, id => $"/cooperation/activities/{id}"),
        Of<CommunicationEntry>(CommunicationEntry.TypeName, "summary", "Comms.Summary", c => c.Summary, c => c.Language, id => $"/communications/{id}"),
        Of<Recognition>(Recognition.TypeName, "citation", "Coop.Citation", r => r.Citation, r => r.Language, id => $"/cooperation/recognitions/{id}"),
        Of<Rules.SharedRule>(Rules.SharedRule.TypeName, "reason", "Rules.Reason", r => r.Reason, r => r.Language, id => $"/rules/{id}"),
        Of<Rules.SharedRuleAnswer>(Rules.SharedRuleAnswer.TypeName, "note", "Rules.Note", a => a.Note, a => a.Language, id => RecordPages.Link(Rules.SharedRuleAnswer.TypeName, id)),
        Of<Replies.RecordReply>(Replies.RecordReply.TypeName, "text", "Replies.Reply", r => r.Text, r => r.Language, id => RecordPages.Link(Replies.RecordReply.TypeName, id)),
    ];

    public static TranslatableField? Find(string? type, string? field) => Fields.FirstOrDefault(f => f.Type == type && f.Field == field);

    public static IEnumerable<TranslatableField> Of(string type) => Fields.Where(f => f.Type == type);

    /// <summary>Loads the record through the visibility filter and the read rule, whatever its type.</summary>
    public static async Task<CoordinationRecord?> LoadAsync(BorderlinkDb db, string type, Guid id, CancellationToken ct) =>
        (await RecordLoader.LoadAnyAsync(db, type, id, RecordOperation.Read, ct) as Outcome<CoordinationRecord>.Done)?.Value;

    private static TranslatableField Of<T>(string type, string field, string label, Func<T, string> text, Func<T, string> language, Func<Guid, string> href)
        where T : CoordinationRecord => new(type, field, label, r => text((T)r), r => language((T)r), href);
}
