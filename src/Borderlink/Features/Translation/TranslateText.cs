using Borderlink.Data;
using Borderlink.Sharing;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Translation;

/// <summary>
/// The translation workflow: anyone who writes may ask for a text in another language; liaison translators of either
/// party work the queue; a translation is a record of the translator's party, seen exactly by those who see the original.
/// </summary>
public static class TranslateText
{
    public sealed record Ask(string? TargetType, Guid TargetId, string? Field, string? IntoLanguage, string? Note);

    public sealed record Give(string? TargetType, Guid TargetId, string? Field, string? Language, string? Text);

    /// <summary>One piece of work in the queue: the text, its language, the language wanted, where the record is read and where it is translated.</summary>
    public sealed record QueueItem(Guid? RequestId, string TargetType, Guid TargetId, string Field, string LabelKey, string SourceLanguage, string IntoLanguage,
        string SourceText, string AskedBy, string Note, string Href, DateTimeOffset AskedAt, string WorkHref);

    /// <summary>A translation as shown beside the original, outdated when the original changed since.</summary>
    public sealed record Shown(TextTranslation Translation, bool Outdated);

    public static async Task<Outcome<TranslationRequest>> AskAsync(BorderlinkDb db, Ask r, CancellationToken ct = default)
    {
        var viewer = db.Viewer;
        if (viewer.Party is null || viewer.AgencyId is null || !viewer.IsOfficer) return new Outcome<TranslationRequest>.Forbidden();
        var (target, field, errors) = await TargetAsync(db, r.TargetType, r.TargetId, r.Field, ct);
        if (target is null) return new Outcome<TranslationRequest>.NotFound();
        var into = Languages.Canonical(r.IntoLanguage);
        if (into is null) errors.Add(new("intoLanguage", "Error.UnknownLanguage"));
        else if (field is not null && into == field.Language(target)) errors.Add(new("intoLanguage", "Translation.SameLanguage"));
        if (field is not null && string.IsNullOrWhiteSpace(field.Text(target))) errors.Add(new("field", "Translation.NothingToTranslate"));
        FieldChecks.Text(errors, "note", r.Note, TranslationRequest.NoteMax, required: false);
        if (errors.Count > 0) return new Outcome<TranslationRequest>.Invalid(errors);

        // Asking twice for the same thing while it is open answers with the first request.
        var earlier = await db.TranslationRequests.FirstOrDefaultAsync(q => q.TargetId == target.Id && q.Field == field!.Field && q.IntoLanguage == into
            && q.OwnerParty == viewer.Party && !q.Withdrawn, ct);
        if (earlier is not null && !await DoneAsync(db, earlier.TargetId, earlier.Field, earlier.IntoLanguage, field!.Text(target), ct)) return new Outcome<TranslationRequest>.Done(earlier);

        var request = new TranslationRequest
        {
            OwnerParty = viewer.Party, OwnerAgencyId = viewer.AgencyId.Value, TargetType = target.RecordType, TargetId = target.Id, Field = field!.Field,
            IntoLanguage = into!, Note = r.Note?.Trim() ?? "",
        };
        // Every party that sees the record may have translators who write the language asked for: the request reaches them all.
        SeenLikeTheOriginal(request, target, viewer.Party);
        db.TranslationRequests.Add(request);
        await db.SaveChangesAsync(ct);
        return new Outcome<TranslationRequest>.Done(request, Created: true);
    }

    /// <summary>A liaison translator gives (or corrects) its party's translation of a field into a language.</summary>
    public static async Task<Outcome<TextTranslation>> GiveAsync(BorderlinkDb db, Give r, CancellationToken ct = default)
    {
        var viewer = db.Viewer;
        if (viewer.Party is null || viewer.AgencyId is null || !viewer.IsLiaison) return new Outcome<TextTranslation>.Forbidden();
        var (target, field, errors) = await TargetAsync(db, r.TargetType, r.TargetId, r.Field, ct);
        if (target is null) return new Outcome<TextTranslation>.NotFound();
        var language = Languages.Canonical(r.Language);
        if (language is null) errors.Add(new("language", "Error.UnknownLanguage"));
        else if (field is not null && language == field.Language(target)) errors.Add(new("language", "Translation.SameLanguage"));
        FieldChecks.Text(errors, "text", r.Text, TextTranslation.TextMax, required: true);
        if (errors.Count > 0) return new Outcome<TextTranslation>.Invalid(errors);

        var translation = await db.TextTranslations.FirstOrDefaultAsync(t => t.TargetId == target.Id && t.Field == field!.Field && t.Language == language
            && t.OwnerParty == viewer.Party && t.OriginNode == null, ct);
        var created = translation is null;
        translation ??= new TextTranslation
        {
            OwnerParty = viewer.Party, OwnerAgencyId = viewer.AgencyId.Value, TargetType = target.RecordType, TargetId = target.Id, Field = field!.Field,
            Language = language!, Text = "", SourceHash = "",
        };
        translation.Text = r.Text!.Trim();
        translation.SourceHash = TranslatableField.Hash(field!.Text(target));
        translation.TranslatedBy = viewer.Name;
        SeenLikeTheOriginal(translation, target, viewer.Party);
        if (created) db.TextTranslations.Add(translation);
        await db.SaveChangesAsync(ct);
        return new Outcome<TextTranslation>.Done(translation, created);
    }

    /// <summary>
    /// A request or a translation is seen by exactly those who see the original — its owner and the parties it is shared
    /// with, within its functions when it is restricted — never more.
    /// </summary>
    private static void SeenLikeTheOriginal(CoordinationRecord record, CoordinationRecord original, string party) =>
        record.ShareLike(original, original.Audience.Append(original.OwnerParty).Where(p => p != party).ToList());

    public static async Task<Outcome<TranslationRequest>> WithdrawAsync(BorderlinkDb db, Guid id, CancellationToken ct = default)
    {
        var loaded = await RecordLoader.LoadAsync<TranslationRequest>(db, id, RecordOperation.Edit, ct);
        if (loaded is not Outcome<TranslationRequest>.Done { Value: var request }) return loaded;
        request.Withdrawn = true;
        await db.SaveChangesAsync(ct);
        return loaded;
    }

    /// <summary>The translations of a record's fields the viewer may see.</summary>
    public static async Task<List<Shown>> OfAsync(BorderlinkDb db, CoordinationRecord record, CancellationToken ct = default)
    {
        var translations = await db.TextTranslations.AsNoTracking().Where(t => t.TargetId == record.Id).OrderBy(t => t.Field).ThenBy(t => t.Language).ToListAsync(ct);
        return translations.Select(t => new Shown(t, Translatable.Find(t.TargetType, t.Field) is { } f && TranslatableField.Hash(f.Text(record)) != t.SourceHash)).ToList();
    }

    /// <summary>
    /// The translator's queue: the texts waiting for a translation into one of the working languages of the viewer's
    /// party (a party setting), whoever asked — open requests about any record the party sees, and notes and
    /// notifications flagged "translation requested", its own and its partners'. A text already translated (in its
    /// current wording) into that language is not listed.
    /// </summary>
    public static async Task<List<QueueItem>> QueueAsync(BorderlinkDb db, CancellationToken ct = default)
    {
        var party = db.Viewer.Party;
        var working = Codes.Split(await db.Parties.AsNoTracking().Where(p => p.Code == party).Select(p => p.Languages).FirstOrDefaultAsync(ct));
        var items = new List<QueueItem>();
        foreach (var request in await db.TranslationRequests.AsNoTracking().Where(q => !q.Withdrawn && working.Contains(q.IntoLanguage))
                     .OrderBy(q => q.CreatedAt).Take(500).ToListAsync(ct))
        {
            var field = Translatable.Find(request.TargetType, request.Field);
            var target = field is null ? null : await Translatable.LoadAsync(db, request.TargetType, request.TargetId, ct);
            if (field is null || target is null || await DoneAsync(db, request.TargetId, request.Field, request.IntoLanguage, field.Text(target), ct)) continue;
            items.Add(new QueueItem(request.Id, request.TargetType, request.TargetId, request.Field, field.LabelKey, field.Language(target), request.IntoLanguage,
                field.Text(target), request.OwnerParty, request.Note, field.Href(target.Id), request.CreatedAt, WorkHref(target, field, request.IntoLanguage)));
        }
        foreach (var note in await db.LiaisonNotes.AsNoTracking().Where(n => n.TranslationRequested != null && working.Contains(n.TranslationRequested))
                     .OrderBy(n => n.UpdatedAt).Take(200).ToListAsync(ct))
        {
            await AddFlaggedAsync(db, items, note, "body", note.Body, note.Language, note.TranslationRequested!, note.Title, ct);
        }
        foreach (var n in await db.EventNotifications.AsNoTracking().Where(n => n.TranslationRequested != null && working.Contains(n.TranslationRequested))
                     .OrderBy(n => n.UpdatedAt).Take(200).ToListAsync(ct))
        {
            await AddFlaggedAsync(db, items, n, "details", n.Details, n.Language, n.TranslationRequested!, n.Title, ct);
        }
        return items.OrderBy(i => i.AskedAt).ToList();
    }

    /// <summary>
    /// A note or notification flagged for translation. Its owner's translators add the translation to the record itself
    /// (on its page); a partner's translators give one of their own, which travels back to the owner.
    /// </summary>
    private static async Task AddFlaggedAsync(BorderlinkDb db, List<QueueItem> items, CoordinationRecord record, string fieldName, string text, string language,
        string into, string title, CancellationToken ct)
    {
        var field = Translatable.Find(record.RecordType, fieldName)!;
        var own = record.OwnerParty == db.Viewer.Party && !record.IsReplica;
        if (!own && await DoneAsync(db, record.Id, fieldName, into, text, ct)) return;
        items.Add(new QueueItem(null, record.RecordType, record.Id, fieldName, field.LabelKey, language, into, text, record.OwnerParty, title,
            field.Href(record.Id), record.UpdatedAt, own ? field.Href(record.Id) : WorkHref(record, field, into)));
    }

    /// <summary>Where the viewer's party translates: the translator's page for a partner's record, the record's page for its own notes and notifications.</summary>
    private static string WorkHref(CoordinationRecord target, TranslatableField field, string into) =>
        $"/translations/work?type={target.RecordType}&id={target.Id}&field={field.Field}&into={into}";

    private static Task<bool> DoneAsync(BorderlinkDb db, Guid targetId, string field, string language, string currentText, CancellationToken ct)
    {
        var hash = TranslatableField.Hash(currentText);
        return db.TextTranslations.AnyAsync(t => t.TargetId == targetId && t.Field == field && t.Language == language && t.SourceHash == hash, ct);
    }

    private static async Task<(CoordinationRecord? Target, TranslatableField? Field, List<FieldError> Errors)> TargetAsync(BorderlinkDb db, string? type, Guid id,
        string? fieldName, CancellationToken ct)
    {
        var field = Translatable.Find(type, fieldName);
        if (field is null) return (null, null, []);
        var target = await Translatable.LoadAsync(db, field.Type, id, ct);
        return (target, field, []);
    }
}
