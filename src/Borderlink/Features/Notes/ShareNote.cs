using Borderlink.Data;
using Borderlink.Sharing;
using Borderlink.Web;

namespace Borderlink.Features.Notes;

/// <summary>A liaison of the owner party shares a note with partners, narrows it to agency functions, or takes it back to Internal.</summary>
public static class ShareNote
{
    public sealed record Request(Visibility Visibility, IReadOnlyList<string>? Audience, IReadOnlyList<string>? RestrictedTo);

    public static async Task<Outcome<LiaisonNote>> HandleAsync(BorderlinkDb db, TimeProvider clock, Guid id, long expectedVersion,
        Request request, CancellationToken ct = default)
    {
        var loaded = await RecordLoader.LoadForChangeAsync<LiaisonNote>(db, id, RecordOperation.Share, expectedVersion, ct);
        if (loaded is not Outcome<LiaisonNote>.Done { Value: var note })
        {
            return loaded;
        }
        var audience = request.Audience ?? [];
        var restricted = request.RestrictedTo ?? [];
        var errors = await NoteRules.ValidateVisibilityAsync(db, note.OwnerParty, request.Visibility, audience, restricted, clock, ct);
        if (errors.Count > 0)
        {
            return new Outcome<LiaisonNote>.Invalid(errors);
        }
        note.SetVisibility(request.Visibility, audience, restricted);
        return await RecordLoader.SaveVersionedAsync(db, note, expectedVersion, ct);
    }
}
