using Borderlink.Data;
using Borderlink.Sharing;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Notes;

/// <summary>Write a liaison note. It starts Internal to the writer's party unless a liaison shares it at once.</summary>
public static class CreateNote
{
    public sealed record Request(string? Title, string? Body, string? Language, string? TranslationRequested = null,
        Visibility Visibility = Visibility.Internal, IReadOnlyList<string>? Audience = null, IReadOnlyList<string>? RestrictedTo = null,
        Guid? Id = null);

    public static async Task<Outcome<LiaisonNote>> HandleAsync(BorderlinkDb db, TimeProvider clock, Request request,
        string? idempotencyKey, CancellationToken ct = default)
    {
        var viewer = db.Viewer;
        if (viewer.Party is null || viewer.AgencyId is null || !viewer.IsOfficer)
        {
            return new Outcome<LiaisonNote>.Forbidden();
        }
        if (request.Visibility != Visibility.Internal && !viewer.IsLiaison)
        {
            return new Outcome<LiaisonNote>.Forbidden();
        }

        var requestHash = IdempotencyKey.HashOf(request);
        if (await IdempotencyKey.EarlierAsync(db, idempotencyKey, requestHash, ct) is { } earlier)
        {
            if (!earlier.SameRequest)
            {
                return new Outcome<LiaisonNote>.Conflict(IdempotencyKey.ReusedCode, "Problem.IdempotencyKeyReused", StatusCodes.Status422UnprocessableEntity);
            }
            var existing = await db.LiaisonNotes.FirstOrDefaultAsync(n => n.Id == earlier.RecordId, ct);
            return existing is null ? new Outcome<LiaisonNote>.NotFound() : new Outcome<LiaisonNote>.Done(existing);
        }
        // A client-generated id is the caller's party's: the note's id is derived from both, so a retry finds the same
        // note, and a value another party chose (or another party's note id) names nothing of theirs.
        Guid? ownId = request.Id is { } clientId ? NameBasedId.Of(LiaisonNote.TypeName, viewer.Party, clientId) : null;
        if (ownId is { } derived && await db.LiaisonNotes.FirstOrDefaultAsync(n => n.Id == derived && n.OwnerParty == viewer.Party, ct) is { } retried)
        {
            return new Outcome<LiaisonNote>.Done(retried);
        }

        var audience = request.Audience ?? [];
        var restricted = request.RestrictedTo ?? [];
        var errors = NoteRules.ValidateText(request.Title, request.Body, request.Language, request.TranslationRequested);
        errors.AddRange(await VisibilityRules.ValidateAsync(db, viewer.Party, request.Visibility, audience, restricted, clock, ct));
        if (errors.Count > 0)
        {
            return new Outcome<LiaisonNote>.Invalid(errors);
        }

        var note = new LiaisonNote
        {
            OwnerParty = viewer.Party,
            OwnerAgencyId = viewer.AgencyId.Value,
            Title = request.Title!.Trim(),
            Body = request.Body!,
            Language = Languages.Canonical(request.Language)!,
            TranslationRequested = Languages.Canonical(request.TranslationRequested),
        };
        if (ownId is { } id)
        {
            note.Id = id;
        }
        note.SetVisibility(request.Visibility, audience, restricted);
        db.LiaisonNotes.Add(note);
        IdempotencyKey.Remember(db, idempotencyKey, requestHash, note, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return new Outcome<LiaisonNote>.Done(note, Created: true);
    }
}
