namespace Borderlink.Web;

/// <summary>
/// Refuses text no part of the node can read, before anything tries to:
/// <list type="bullet">
/// <item>an address carrying a NUL character (<c>%00</c>) in its path or query → 400 naming it: no filter, id or search
/// ever means it, and PostgreSQL refuses it in any text it compares;</item>
/// <item>a body declared in a character set no decoder here knows (<c>application/json; charset=klingon</c>) → 415:
/// reading it would fail in the middle of an endpoint's binding.</item>
/// </list>
/// </summary>
public sealed class TextGuard(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HasNul(request.Path.Value) || HasNul(request.QueryString.Value))
        {
            throw new UnreadableFieldException(HasNul(request.Path.Value) ? "path" : "query");
        }
        if (!CharsetIsKnown(request))
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return Task.CompletedTask;
        }
        return next(context);
    }

    /// <summary>
    /// Whether the body's declared character set (if any) can be decoded. A quoted one (<c>charset="utf-8"</c>, as RFC
    /// 9110 allows) is passed on unquoted: the framework's readers look the name up as written.
    /// </summary>
    private static bool CharsetIsKnown(HttpRequest request)
    {
        if (request.ContentType is null || !Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || type.Charset is not { Length: > 0 } declared)
        {
            return true;
        }
        var charset = Microsoft.Net.Http.Headers.HeaderUtilities.RemoveQuotes(declared);
        try
        {
            _ = System.Text.Encoding.GetEncoding(charset.ToString());
        }
        catch (ArgumentException)
        {
            return false;
        }
        if (charset.Length != declared.Length)
        {
            type.Charset = charset;
            request.ContentType = type.ToString();
        }
        return true;
    }

    private static bool HasNul(string? text) =>
        text is not null && (text.Contains('\0', StringComparison.Ordinal) || text.Contains("%00", StringComparison.Ordinal));
}

/// <summary>A part of the request that cannot be read; <see cref="RequestProblems"/> answers 400 naming it.</summary>
public sealed class UnreadableFieldException(string field) : Exception($"The {field} cannot be read.")
{
    public string Field { get; } = field;
}
