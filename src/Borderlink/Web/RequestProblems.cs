using System.Text.Json;
using System.Text.RegularExpressions;
using Borderlink.Data;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Borderlink.Web;

/// <summary>
/// The last word on a request that could not be read or stored: an answer the caller can act on, never a 500.
/// <list type="bullet">
/// <item>A body, parameter or header that does not parse (malformed JSON, a wrong type, an unknown enum value, a
/// date that does not exist) → 400 validation problem naming the field (<c>$.items[0].code</c> → <c>items[0].code</c>).</item>
/// <item>A body over the limit, with or without a declared length → 413, as <see cref="RequestSizeLimit"/> answers a
/// declared one; other refusals of the server keep their status (415, 408, …).</item>
/// <item>A write that collides with a stored row (a unique key) → 409: the id or key cannot be used, without saying
/// whose record holds it.</item>
/// <item>A write the database could not take in time (locked by another writer) → 503 with Retry-After: nothing was
/// stored, and the same request a moment later will be.</item>
/// </list>
/// Minimal APIs are told to throw on a bad request (<c>ThrowOnBadRequest</c>) so that binding failures reach here
/// instead of answering an empty 400. Handled here, such exceptions are not logged as errors (ASP.NET Core 10).
/// </summary>
public sealed partial class RequestProblems(IStringLocalizer<SharedResource> L) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var result = Answer(httpContext, exception);
        if (result is null || httpContext.Response.HasStarted)
        {
            return false;
        }
        if (!IsMachinePath(httpContext.Request.Path) && result is IStatusCodeHttpResult { StatusCode: { } status } && result is IValueHttpResult { Value: Microsoft.AspNetCore.Mvc.ProblemDetails problem })
        {
            // A person at a form: a page in their language with the way back, not a JSON document.
            result = TypedResults.Content(Page(problem, httpContext.Request.Path), "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
        }
        await result.ExecuteAsync(httpContext);
        return true;
    }

    /// <summary>Vietnamese and Chinese as characters, as the pages write them.</summary>
    private static readonly System.Text.Encodings.Web.HtmlEncoder Encoder = System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    public static bool IsMachinePath(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.Ordinal) || path.StartsWithSegments("/exchange", StringComparison.Ordinal);

    /// <summary>The problem's title, what it says of each field (a query value of the address, a form field), and the way back.</summary>
    private string Page(Microsoft.AspNetCore.Mvc.ProblemDetails problem, PathString path)
    {
        var encoder = Encoder;
        var language = System.Globalization.CultureInfo.CurrentUICulture.Name;
        var title = problem.Title ?? "";
        var fields = problem is HttpValidationProblemDetails validation
            ? string.Concat(validation.Errors.SelectMany(e => e.Value.Select(message => $"<li><code>{encoder.Encode(e.Key)}</code>: {encoder.Encode(message)}</li>")))
            : "";
        return $"""
            <!DOCTYPE html>
            <html lang="{encoder.Encode(language)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{encoder.Encode(title)} · Borderlink</title></head>
            <body><main><h1 data-testid="request-problem">{encoder.Encode(title)}</h1>
            {(fields.Length > 0 ? $"<ul data-testid=\"request-problem-fields\">{fields}</ul>" : "")}
            <p><a href="{encoder.Encode(path.Value ?? "/")}">{encoder.Encode(L["Form.Back"])}</a></p></main></body></html>
            """;
    }

    private IResult? Answer(HttpContext http, Exception exception) => exception switch
    {
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => TooLarge(http),
        BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest } bad => Unreadable(FieldOf(bad)),
        UnreadableFieldException unreadable => Unreadable(unreadable.Field),
        BadHttpRequestException bad => ApiResults.Problem(L, bad.StatusCode, "bad-request", "Problem.BadRequest"),
        // Reading a form or multipart body past its limits.
        InvalidDataException => ApiResults.Problem(L, StatusCodes.Status400BadRequest, "bad-request", "Problem.BadRequest"),
        // A page's query value its parameter cannot hold (/notes?page=abc, ?periods=99999999999): Blazor throws while it
        // supplies the page's [SupplyParameterFromQuery] parameters, before anything of the page is written.
        InvalidOperationException when IsUnparsableQueryValue(exception) => Unreadable(QueryNameOf(exception)),
        DbUpdateException { InnerException: System.Data.Common.DbException db } when http.RequestServices.GetService<BorderlinkDb>()?.IsUniqueViolation(db) == true =>
            ApiResults.Problem(L, StatusCodes.Status409Conflict, "collision", "Problem.Collision"),
        _ when DatabaseErrorOf(exception) is { } db && http.RequestServices.GetService<BorderlinkDb>()?.IsBusy(db) == true => Busy(http),
        _ => null,
    };

    /// <summary>The engine's own error under whatever EF Core wrapped it in.</summary>
    private static System.Data.Common.DbException? DatabaseErrorOf(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is System.Data.Common.DbException db) return db;
        }
        return null;
    }

    /// <summary>
    /// The database could not take the write in time (another writer held it): nothing was stored, and the same request
    /// a moment later will be. 503 with the seconds to wait, as a client library retries it.
    /// </summary>
    private IResult Busy(HttpContext http)
    {
        http.Response.Headers.RetryAfter = BusyRetrySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ApiResults.Problem(L, StatusCodes.Status503ServiceUnavailable, "busy", "Problem.Busy",
            extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = BusyRetrySeconds });
    }

    public const int BusyRetrySeconds = 2;

    private IResult TooLarge(HttpContext http) => ApiResults.Problem(L, StatusCodes.Status413PayloadTooLarge, "too-large", "Problem.TooLarge",
        extensions: new Dictionary<string, object?> { ["maxBytes"] = RequestSizeLimit.LimitOf(http) });

    private IResult Unreadable(string field) =>
        ApiResults.Validation(L, [new FieldError(field, "Problem.Unreadable")]);

    /// <summary>The JSON path of a body that did not parse, or the name of the parameter that did not bind.</summary>
    public static string FieldOf(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException { Path: { } path })
        {
            var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
            return field.Length == 0 ? "body" : field;
        }
        var parameter = ParameterName().Match(bad.Message);
        return parameter.Success && !bad.Message.Contains("request body", StringComparison.Ordinal) ? parameter.Groups[1].Value : "body";
    }

    private static bool IsUnparsableQueryValue(Exception exception) =>
        exception.TargetSite?.DeclaringType?.FullName?.StartsWith("Microsoft.AspNetCore.Components.Routing.UrlValueConstraint", StringComparison.Ordinal) == true;

    /// <summary>The query parameter Blazor names at the end of its message (<c>… for 'page'.</c>), or "query".</summary>
    private static string QueryNameOf(Exception exception) =>
        QueryParameterName().Match(exception.Message) is { Success: true } match ? match.Groups[1].Value : "query";

    [GeneratedRegex("for '([A-Za-z0-9_.-]+)'\\.?$")]
    private static partial Regex QueryParameterName();

    /// <summary>Minimal APIs name the parameter as <c>"Type name"</c> in their messages.</summary>
    [GeneratedRegex("parameter \"(?:[^\" ]+ )?([A-Za-z0-9_]+)\"")]
    private static partial Regex ParameterName();
}
