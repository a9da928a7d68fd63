using Microsoft.AspNetCore.Components;

namespace Borderlink.Web;

/// <summary>What a form shows after a refused save: the field errors, and whether the record changed meanwhile.</summary>
public readonly record struct FormAnswer(IReadOnlyList<FieldError> Errors, bool Stale);

/// <summary>
/// How a server-rendered form answers a use case's outcome, the same on every page: done goes to the address the page
/// names (a full load, so the saved record is read back as others will see it); invalid shows each field's errors with
/// 400; stale says the record changed meanwhile with 409; anything else is a refusal, said on the form's field
/// <c>forbiddenField</c> (when given) with 403. The API answers the same outcomes through ApiResults.From.
/// </summary>
public static class FormOutcome
{
    public static FormAnswer Answer<T>(Outcome<T> outcome, HttpContext http, NavigationManager nav, Func<T, string> next, string? forbiddenField = null)
    {
        switch (outcome)
        {
            case Outcome<T>.Done done:
                nav.NavigateTo(next(done.Value), forceLoad: true);
                return new([], false);
            case Outcome<T>.Invalid invalid:
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                return new(invalid.Errors, false);
            case Outcome<T>.Stale:
                http.Response.StatusCode = StatusCodes.Status409Conflict;
                return new([], true);
            default:
                http.Response.StatusCode = StatusCodes.Status403Forbidden;
                return new(forbiddenField is null ? [] : [new FieldError(forbiddenField, "Problem.Forbidden")], false);
        }
    }
}
