using Microsoft.Extensions.Localization;

namespace Borderlink.Web;

/// <summary>
/// An API or exchange answer that ends in an error status with nothing written (the framework refused the request
/// itself: a body cut off at its limit, an unsupported media type, a method the route does not have) gets the same
/// localized problem document as every other refusal, so a client always has a type and a title to act on.
/// </summary>
public sealed class ProblemBodies(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, IStringLocalizer<SharedResource> L)
    {
        await next(context);
        var response = context.Response;
        if (response.StatusCode < 400 || response.HasStarted || response.ContentLength > 0 || response.ContentType is not null
            || !RequestProblems.IsMachinePath(context.Request.Path))
        {
            return;
        }
        var (code, key) = response.StatusCode switch
        {
            StatusCodes.Status401Unauthorized => ("unauthenticated", "Problem.Unauthenticated"),
            StatusCodes.Status403Forbidden => ("forbidden", "Problem.Forbidden"),
            StatusCodes.Status404NotFound => ("not-found", "Problem.NotFound"),
            StatusCodes.Status405MethodNotAllowed => ("method-not-allowed", "Problem.BadRequest"),
            StatusCodes.Status413PayloadTooLarge => ("too-large", "Problem.TooLarge"),
            StatusCodes.Status415UnsupportedMediaType => ("unsupported-media-type", "Problem.UnsupportedMediaType"),
            StatusCodes.Status429TooManyRequests => ("too-many-requests", "Problem.TooManyRequests"),
            _ => ("bad-request", "Problem.BadRequest"),
        };
        await ApiResults.Problem(L, response.StatusCode, code, key).ExecuteAsync(context);
    }
}
