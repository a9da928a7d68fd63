using Borderlink.Data;
using Borderlink.Features.Notes;
using Borderlink.Features.Notifications;
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

    /// <summary>One piece of work in the queue: the text, its language, the language wanted, and where the record is read.</summary>
    public sealed record QueueItem(Guid? RequestId, string TargetType, Guid TargetId, string Field, string LabelKey, string SourceLanguage, string IntoLanguage,
        string SourceText, string AskedBy, string Note, string Href, DateTimeOffset AskedAt);

    /// <summary>A translation as shown beside the original, outdated when the original changed since.</summary>
    public sealed record Shown(TextTranslation Translation, bool Outdated);

    public static async Task<Outcome<TranslationRequest>> AskAsync(BorderlinkDb db, Ask r, CancellationToken ct = default)
    {
        var viewer = db.Viewer;
        if (viewer.Party is null || viewer.AgencyId is null || !Policies.OfficerRoles.Any(viewer.IsInRole)) return new Outcome<TranslationRequest>.Forbidden();
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
        if (earlier is not null && !await DoneAsync(db, earlier, field!.Text(target), ct)) return new Outcome<TranslationRequest>.Done(earlier);

        var request = new TranslationRequest
        {
            OwnerParty = viewer.Party, OwnerAgencyId = viewer.AgencyId.Value, TargetType = target.RecordType, TargetId = target.Id, Field = field!.Field,
            IntoLanguage = into!, Note = r.Note?.Trim() ?? "",
        };
        request.SetVisibility(target.OwnerParty == viewer.Party ? Visibility.Internal : Visibility.Partners, [target.OwnerParty], []);
        db.TranslationRequests.Add(request);
        await db.SaveChangesAsync(ct);
        return new Outcome<TranslationRequest>.Done(request, Created: true);
    }

    /// <summary>A liaison translator gives (or corrects) its party's translation of a field into a language.</summary>
    public static async Task<Outcome<TextTranslation>> GiveAsync(BorderlinkDb db, Give r, CancellationToken ct = default)
    {
        var viewer = db.Viewer;
        if (viewer.Party is null || viewer.AgencyId is null || !Policies.LiaisonRoles.Any(viewer.IsInRole)) return new Outcome<TextTranslation>.Forbidden();
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
        // Never wider than the original: the same parties, and the same functions when the original is restricted.
        var audience = target.Audience.Append(target.OwnerParty).Where(p => p != viewer.Party).ToList();
        translation.SetVisibility(audience.Count == 0 ? Visibility.Internal : target.Visibility == Visibility.Restricted ? Visibility.Restricted : Visibility.Partners,
            audience, target.Restriction);
        if (created) db.TextTranslations.Add(translation);
        await db.SaveChangesAsync(ct);
        return new Outcome<TextTranslation>.Done(translation, created);
    }

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
    /// The translator's queue: open requests the viewer's party may see whose current text has no translation into the
    /// wanted language yet, and the viewer's party's own notes and notifications flagged "translation requested".
    /// </summary>
    public static async Task<List<QueueItem>> QueueAsync(BorderlinkDb db, CancellationToken ct = default)
    {
        var items = new List<QueueItem>();
        foreach (var request in await db.TranslationRequests.AsNoTracking().Where(q => !q.Withdrawn).OrderBy(q => q.CreatedAt).Take(500).ToListAsync(ct))
        {
            var field = Translatable.Find(request.TargetType, request.Field);
            var target = field is null ? null : await Translatable.LoadAsync(db, request.TargetType, request.TargetId, ct);
            if (field is null || target is null || await DoneAsync(db, request, field.Text(target), ct)) continue;
            items.Add(new QueueItem(request.Id, request.TargetType, request.TargetId, request.Field, field.LabelKey, field.Language(target), request.IntoLanguage,
                field.Text(target), request.OwnerParty, request.Note, field.Href(request.TargetId), request.CreatedAt));
        }
        var party = db.Viewer.Party;
        foreach (var note in await db.LiaisonNotes.AsNoTracking().Where(n => n.OwnerParty == party && n.OriginNode == null && n.TranslationRequested != null).Take(200).ToListAsync(ct))
        {
            items.Add(new QueueItem(null, note.RecordType, note.Id, "body", "Notes.Body", note.Language, note.TranslationRequested!, note.Body, note.OwnerParty, note.Title,
                $"/notes/{note.Id}", note.UpdatedAt));
        }
        foreach (var n in await db.EventNotifications.AsNoTracking().Where(n => n.OwnerParty == party && n.OriginNode == null && n.TranslationRequested != null).Take(200).ToListAsync(ct))
        {
            items.Add(new QueueItem(null, n.RecordType, n.Id, "details", "Notifications.Details", n.Language, n.TranslationRequested!, n.Details, n.OwnerParty, n.Title,
                $"/notifications/{n.Id}", n.UpdatedAt));
        }
        return items.OrderBy(i => i.AskedAt).ToList();
    }

    private static Task<bool> DoneAsync(BorderlinkDb db, TranslationRequest request, string currentText, CancellationToken ct)
    {
        var hash = TranslatableField.Hash(currentText);
        return db.TextTranslations.AnyAsync(t => t.TargetId == request.TargetId && t.Field == request.Field && t.Language == request.IntoLanguage && t.SourceHash == hash, ct);
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
