using Borderlink.Data;
using Borderlink.Sharing;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Features.Notes;

/// <summary>The checks shared by creating and editing a note, and by sharing any record.</summary>
public static class NoteRules
{
    public static List<FieldError> ValidateText(string? title, string? body, string? language, string? translationRequested)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(title)) errors.Add(new("title", "Error.Required"));
        else if (title.Length > LiaisonNote.TitleMax) errors.Add(new("title", "Error.TooLong", LiaisonNote.TitleMax));
        if (string.IsNullOrWhiteSpace(body)) errors.Add(new("body", "Error.Required"));
        else if (body.Length > LiaisonNote.BodyMax) errors.Add(new("body", "Error.TooLong", LiaisonNote.BodyMax));
        if (!Languages.IsSupported(language)) errors.Add(new("language", "Error.UnknownLanguage"));
        if (!string.IsNullOrEmpty(translationRequested) && !Languages.IsSupported(translationRequested))
            errors.Add(new("translationRequested", "Error.UnknownLanguage"));
        return errors;
    }

    /// <summary>Checks a visibility request against the reference data: current partner parties, known functions.</summary>
    public static async Task<List<FieldError>> ValidateVisibilityAsync(BorderlinkDb db, string ownerParty, Visibility visibility,
        IReadOnlyCollection<string> audience, IReadOnlyCollection<string> restrictedTo, TimeProvider clock, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var parties = await db.Parties.AsNoTracking().ToListAsync(ct);
        foreach (var code in audience)
        {
            var party = parties.FirstOrDefault(p => p.Code == code);
            if (party is null || code == ownerParty) errors.Add(new("audience", "Error.UnknownParty", code));
            else if (!party.IsCurrent(today)) errors.Add(new("audience", "Error.PartyNotCurrent", code));
        }
        if (visibility == Visibility.Partners && audience.Count == 0) errors.Add(new("audience", "Error.AudienceRequired"));
        // Parties ticked while the record stays internal: the writer meant to share or did not; either way, ask.
        if (visibility == Visibility.Internal && audience.Count > 0) errors.Add(new("audience", "Error.AudienceWithInternal"));
        if (visibility == Visibility.Restricted)
        {
            if (restrictedTo.Count == 0) errors.Add(new("restrictedTo", "Error.RestrictionRequired"));
            var functions = await db.AgencyFunctions.AsNoTracking().Select(f => f.Code).ToListAsync(ct);
            errors.AddRange(restrictedTo.Where(f => !functions.Contains(f)).Select(f => new FieldError("restrictedTo", "Error.UnknownFunction", f)));
        }
        return errors;
    }
}
