using Borderlink.Sharing;

namespace Borderlink.Features.Notes;

/// <summary>The wire shape of a liaison note. Entities are never bound from or written to the wire directly.</summary>
public sealed record NoteDto(
    Guid Id, string OwnerParty, long Version, Visibility Visibility, IReadOnlyList<string> Audience, IReadOnlyList<string> RestrictedTo,
    string Title, string Body, string Language, string? TranslationRequested, IReadOnlyList<NoteTranslationDto> Translations,
    DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset UpdatedAt, string UpdatedBy)
{
    public static NoteDto From(LiaisonNote n) => new(
        n.Id, n.OwnerParty, n.Version, n.Visibility, n.Audience, n.Restriction, n.Title, n.Body, n.Language, n.TranslationRequested,
        n.Translations.Select(t => new NoteTranslationDto(t.Language, t.Title, t.Body, t.TranslatedBy, t.TranslatedAt)).ToList(),
        n.CreatedAt, n.CreatedBy, n.UpdatedAt, n.UpdatedBy);
}

public sealed record NoteTranslationDto(string Language, string Title, string Body, string TranslatedBy, DateTimeOffset TranslatedAt);
