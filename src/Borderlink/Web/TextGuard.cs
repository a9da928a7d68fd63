namespace Borderlink.Web;

/// <summary>
/// Refuses an address carrying a NUL character (<c>%00</c>) in its path or query with a 400 naming the query: no
/// filter, id or search ever means it, and PostgreSQL refuses it in any text it compares.
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
        return next(context);
    }

    private static bool HasNul(string? text) =>
        text is not null && (text.Contains('\0', StringComparison.Ordinal) || text.Contains("%00", StringComparison.Ordinal));
}

/// <summary>A part of the request that cannot be read; <see cref="RequestProblems"/> answers 400 naming it.</summary>
public sealed class UnreadableFieldException(string field) : Exception($"The {field} cannot be read.")
{
    public string Field { get; } = field;
}
