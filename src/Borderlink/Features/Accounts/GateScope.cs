namespace Borderlink.Features.Accounts;

/// <summary>
/// A token issued for one gate pair (a gate's screening or counting system) acts on that gate and nothing else:
/// every request naming a gate in its address (<c>/api/v1/gates/{code}/…</c> — status changes, thresholds, traffic,
/// screening, crossings, goods) must name its own; everything that does not name a gate in its address (permits,
/// quarantine, vectors, records reached by id, all other parts of the API) is refused, except reading the gates, the
/// reference lists and who the caller is. New endpoints are therefore closed to gate tokens until they name their gate.
/// </summary>
public static class GateScope
{
    /// <summary>The problem type of the refusal, and the reason the authorization handler reads to say so.</summary>
    public const string OutOfScope = "gate-out-of-scope";

    /// <summary>What a gate token may read without naming its gate: the lists it needs to fill its lines.</summary>
    private static readonly string[] OpenReads = ["/api/v1/gates", "/api/v1/me", "/api/v1/gazetteer", "/api/v1/parties", "/api/v1/diseases", "/api/v1/places", "/api/v1/gate-pairs"];

    public static bool Allows(string gate, HttpContext? http)
    {
        if (http is null) return false;
        var path = http.Request.Path;
        if (path.StartsWithSegments("/api/v1/gates", out var rest) && rest.HasValue && rest.Value != "/")
        {
            return http.GetRouteValue("code") is string code && string.Equals(code, gate, StringComparison.Ordinal);
        }
        return HttpMethods.IsGet(http.Request.Method) && OpenReads.Any(open => path.Equals(open, StringComparison.Ordinal) || path.Equals(open + "/", StringComparison.Ordinal));
    }
}
