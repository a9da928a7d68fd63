using Borderlink.Web;
using Microsoft.AspNetCore.Components;

namespace Borderlink.Features.Reference;

/// <summary>What every reference edit page does with the outcome of a save.</summary>
public static class ReferencePages
{
    public static IReadOnlyList<FieldError> Handle<T>(Outcome<T> outcome, HttpContext http, NavigationManager nav, string doneUrl)
    {
        switch (outcome)
        {
            case Outcome<T>.Done:
                nav.NavigateTo(doneUrl, forceLoad: true);
                return [];
            case Outcome<T>.Invalid invalid:
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                return invalid.Errors;
            case Outcome<T>.Forbidden:
                http.Response.StatusCode = StatusCodes.Status403Forbidden;
                return [new FieldError("nameEn", "Problem.Forbidden")];
            default:
                nav.NotFound();
                return [];
        }
    }
}
