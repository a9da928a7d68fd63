using Microsoft.AspNetCore.Components;

namespace Borderlink.Web;

/// <summary>
/// What a form shows after a refused save: the field errors; whether the record changed meanwhile (and its version now,
/// for a form that offers to save again over it); whether the viewer may not do this at all; whether the record is not
/// there for them (the not-found page replaces the form).
/// </summary>
public readonly record struct FormAnswer(IReadOnlyList<FieldError> Errors, bool Stale, long? CurrentVersion = null, bool Forbidden = false, bool Missing = false)
{
    /// <summary>What most forms show: the errors and the "changed meanwhile" banner.</summary>
    public void Deconstruct(out IReadOnlyList<FieldError> errors, out bool stale) => (errors, stale) = (Errors, Stale);
}

/// <summary>Where a form says what went wrong, for outcomes that are not about one field.</summary>
/// <param name="ForbiddenField">The field a refusal is said on (none: the page says it on its own, from <see cref="FormAnswer.Forbidden"/>).</param>
/// <param name="StaleField">The field "changed meanwhile" is said on (none: the page shows its banner, from <see cref="FormAnswer.Stale"/>).</param>
/// <param name="StaleKey">The words for it on that field.</param>
/// <param name="ConflictField">The field a conflict's reason is said on (none: the refusal's field).</param>
public sealed record FormFields(string? ForbiddenField = null, string? StaleField = null, string StaleKey = "Problem.Stale", string? ConflictField = null);

/// <summary>
/// How a server-rendered form answers a use case's outcome, the same on every page: done goes to the address the page
/// names (a full load, so the saved record is read back as others will see it); invalid shows each field's errors with
/// 400; stale says the record changed meanwhile with 409; a conflict says why the record's state forbids it with its
/// status; not found is the not-found page (404), as for a record the viewer may not see; anything else is a refusal
/// with 403. The API answers the same outcomes through ApiResults.From.
/// </summary>
public static class FormOutcome
{
    public static FormAnswer Answer<T>(Outcome<T> outcome, HttpContext http, NavigationManager nav, Func<T, string> next, string? forbiddenField = null) =>
        Answer(outcome, http, nav, next, new FormFields(forbiddenField));

    public static FormAnswer Answer<T>(Outcome<T> outcome, HttpContext http, NavigationManager nav, Func<T, string> next, FormFields fields)
    {
        switch (outcome)
        {
            case Outcome<T>.Done done:
                nav.NavigateTo(next(done.Value), forceLoad: true);
                return new([], false);
            case Outcome<T>.Invalid invalid:
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                return new(invalid.Errors, false);
            case Outcome<T>.Stale stale:
                http.Response.StatusCode = StatusCodes.Status409Conflict;
                return new(fields.StaleField is { } staleField ? [new FieldError(staleField, fields.StaleKey)] : [], true, stale.CurrentVersion);
            case Outcome<T>.Conflict conflict:
                http.Response.StatusCode = conflict.Status;
                return new(On(fields.ConflictField ?? fields.ForbiddenField, conflict.MessageKey), false);
            case Outcome<T>.NotFound:
                nav.NotFound();
                return new([], false, Missing: true);
            default:
                http.Response.StatusCode = StatusCodes.Status403Forbidden;
                return new(On(fields.ForbiddenField, "Problem.Forbidden"), false, Forbidden: true);
        }
    }

    private static IReadOnlyList<FieldError> On(string? field, string messageKey) => field is null ? [] : [new FieldError(field, messageKey)];
}
