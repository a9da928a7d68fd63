using Borderlink.Data;
using Borderlink.Sharing;
using Borderlink.Web;

namespace Borderlink.Features.Notes;

/// <summary>
/// The owner party adds (or replaces) a translation beside the original text, which never changes language. A
/// translation into the requested language answers the request.
/// </summary>
public static class TranslateNote
{
    public sealed record Request(string? Title, string? Body);

    public static async Task<Outcome<LiaisonNote>> HandleAsync(BorderlinkDb db, TimeProvider clock, Guid id, string language, long expectedVersion,
        Request request, CancellationToken ct = default)
    {
        var loaded = await RecordLoader.LoadForChangeAsync<LiaisonNote>(db, id, RecordOperation.Edit, expectedVersion, ct);
        if (loaded is not Outcome<LiaisonNote>.Done { Value: var note })
        {
            return loaded;
        }
        var culture = Languages.Canonical(language);
        var errors = NoteRules.ValidateText(request.Title, request.Body, culture, null);
        if (culture is not null && culture == note.Language) errors.Add(new("language", "Error.SameAsOriginal"));
        if (errors.Count > 0)
        {
            return new Outcome<LiaisonNote>.Invalid(errors);
        }

        // A new list, so the JSON column is seen as changed.
        note.Translations = note.Translations.Where(t => t.Language != culture)
            .Append(new NoteTranslation { Language = culture!, Title = request.Title!.Trim(), Body = request.Body!, TranslatedBy = db.Viewer.Name, TranslatedAt = clock.GetUtcNow() })
            .OrderBy(t => t.Language, StringComparer.Ordinal)
            .ToList();
        if (note.TranslationRequested == culture)
        {
            note.TranslationRequested = null;
        }
        return await RecordLoader.SaveVersionedAsync(db, note, expectedVersion, ct);
    }
}
