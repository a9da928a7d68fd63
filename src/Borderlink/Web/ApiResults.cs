using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Borderlink.Web;

/// <summary>
/// Turns use-case outcomes into HTTP answers: RFC 9457 problem details with a stable <c>type</c> per error and a title
/// in the caller's language.
/// </summary>
public static class ApiResults
{
    public const string TypePrefix = "urn:borderlink:problem:";

    public static IResult From<T, TDto>(Outcome<T> outcome, IStringLocalizer L, Func<T, TDto> map, Func<T, long>? version = null, string? location = null) =>
        outcome switch
        {
            Outcome<T>.Done { Created: true } done => WithETag(TypedResults.Created(location, map(done.Value)), version, done.Value),
            Outcome<T>.Done done => WithETag(TypedResults.Ok(map(done.Value)), version, done.Value),
            Outcome<T>.NotFound => Problem(L, StatusCodes.Status404NotFound, "not-found", "Problem.NotFound"),
            Outcome<T>.Forbidden => Problem(L, StatusCodes.Status403Forbidden, "forbidden", "Problem.Forbidden"),
            Outcome<T>.Stale stale => Problem(L, StatusCodes.Status412PreconditionFailed, "stale-version", "Problem.Stale",
                extensions: new Dictionary<string, object?> { ["currentVersion"] = stale.CurrentVersion }),
            Outcome<T>.Invalid invalid => Validation(L, invalid.Errors),
            Outcome<T>.Conflict conflict => Problem(L, conflict.Status, conflict.Code, conflict.MessageKey),
            _ => throw new InvalidOperationException("Unknown outcome"),
        };

    public static IResult Problem(IStringLocalizer L, int status, string code, string titleKey, string? detail = null,
        IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(new ProblemDetails
        {
            Status = status,
            Type = TypePrefix + code,
            Title = L[titleKey],
            Detail = detail,
            Extensions = extensions ?? new Dictionary<string, object?>(),
        });

    public static IResult Validation(IStringLocalizer L, IReadOnlyList<FieldError> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors
            .GroupBy(e => e.Field)
            .ToDictionary(g => g.Key, g => g.Select(e => L[e.MessageKey, e.Args].Value).ToArray()))
        {
            Status = StatusCodes.Status400BadRequest,
            Type = TypePrefix + "validation",
            Title = L["Problem.Validation"],
        });

    /// <summary>
    /// A change to the version the caller read: runs <paramref name="change"/> with the version <c>If-Match</c> names, or
    /// answers 428 when the request names none (every update and state change of a record goes through here).
    /// </summary>
    public static async Task<IResult> IfMatchAsync(HttpRequest request, IStringLocalizer L, Func<long, Task<IResult>> change) =>
        IfMatchVersion(request) is { } version
            ? await change(version)
            : Problem(L, StatusCodes.Status428PreconditionRequired, "if-match-required", "Problem.IfMatchRequired");

    /// <summary>Reads <c>If-Match: "3"</c>; null when absent or not a version.</summary>
    public static long? IfMatchVersion(HttpRequest request)
    {
        var value = request.Headers.IfMatch.ToString().Trim().Trim('"');
        if (value.StartsWith("W/", StringComparison.Ordinal)) value = value[2..].Trim('"');
        return long.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;
    }

    private static IResult WithETag<T>(IResult result, Func<T, long>? version, T value) =>
        version is null ? result : new ETagResult(result, version(value));

    private sealed class ETagResult(IResult inner, long version) : IResult, IStatusCodeHttpResult, IValueHttpResult
    {
        public int? StatusCode => (inner as IStatusCodeHttpResult)?.StatusCode;
        public object? Value => (inner as IValueHttpResult)?.Value;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.ETag = $"\"{version}\"";
            return inner.ExecuteAsync(httpContext);
        }
    }
}
