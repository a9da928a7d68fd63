using Borderlink.Data;
using Borderlink.Sharing;
using Borderlink.Web;

namespace Borderlink.Features.Notes;

/// <summary>The owner changes a note. The caller says which version it edited; a newer one means someone else saved first.</summary>
public static class EditNote
{
    public sealed record Request(string? Title, string? Body, string? Language, string? TranslationRequested = null);

    public static async Task<Outcome<LiaisonNote>> HandleAsync(BorderlinkDb db, Guid id, long expectedVersion, Request request, CancellationToken ct = default)
    {
        var loaded = await RecordLoader.LoadForChangeAsync<LiaisonNote>(db, id, RecordOperation.Edit, expectedVersion, ct);
        if (loaded is not Outcome<LiaisonNote>.Done { Value: var note })
        {
            return loaded;
        }
        var errors = NoteRules.ValidateText(request.Title, request.Body, request.Language, request.TranslationRequested);
        if (errors.Count > 0)
        {
            return new Outcome<LiaisonNote>.Invalid(errors);
        }

        note.Title = request.Title!.Trim();
        note.Body = request.Body!;
        note.Language = Languages.Canonical(request.Language)!;
        note.TranslationRequested = Languages.Canonical(request.TranslationRequested);
        return await RecordLoader.SaveVersionedAsync(db, note, expectedVersion, ct);
    }
}
