using Borderlink.Web;

namespace Borderlink.Features.Notes;

/// <summary>The checks shared by creating and editing a note.</summary>
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
}
