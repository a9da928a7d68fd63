using System.Security.Claims;
using Borderlink.Web;

namespace Borderlink.Sharing;

/// <summary>Claim types Borderlink adds to every principal, person or machine.</summary>
public static class BorderlinkClaims
{
    public const string Party = "bl:party";
    public const string Agency = "bl:agency";
    public const string Function = "bl:function";
    public const string TimeZone = "bl:tz";
    public const string TokenScope = "bl:scope";
    /// <summary>The one gate pair a gate system's token may write for.</summary>
    public const string Gate = "bl:gate";
    public const string TwoFactor = "bl:2fa";
}

/// <summary>
/// The principal the current unit of work acts for. The DbContext reads it in its query filters, so every
/// query a request makes is already narrowed to what this viewer may see. Workers call <see cref="EnterSystemScope"/>,
/// the one explicit bypass, and must say why; the reason is written to the audit log.
/// </summary>
public sealed class Viewer
{
    private readonly IHttpContextAccessor? _http;
    private ClaimsPrincipal? _principal;
    private string? _systemReason;

    public Viewer(IHttpContextAccessor? http = null) => _http = http;

    public ClaimsPrincipal Principal => _principal ?? _http?.HttpContext?.User ?? new ClaimsPrincipal(new ClaimsIdentity());

    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;
    public bool IsSystem => _systemReason is not null;
    public string? SystemReason => _systemReason;
    public string? Party => Principal.FindFirstValue(BorderlinkClaims.Party);
    public Guid? AgencyId => Guid.TryParse(Principal.FindFirstValue(BorderlinkClaims.Agency), out var id) ? id : null;
    public string? Function => Principal.FindFirstValue(BorderlinkClaims.Function);
    public string? UserId => Principal.FindFirstValue(ClaimTypes.NameIdentifier);
    public string Name => IsSystem ? "system" : Principal.Identity?.Name ?? "anonymous";
    public string? TimeZoneId => Principal.FindFirstValue(BorderlinkClaims.TimeZone);
    /// <summary>The gate pair a gate-scoped token is limited to; null for people and other tokens.</summary>
    public string? GateScope => Principal.FindFirstValue(BorderlinkClaims.Gate);
    public bool IsInRole(string role) => Principal.IsInRole(role);

    /// <summary>Whether the viewer writes its party's records: an officer, a liaison or a coordinator.</summary>
    public bool IsOfficer => Policies.OfficerRoles.Any(IsInRole);

    /// <summary>Whether the viewer speaks for its party to partners (sends, shares, answers): a liaison or a coordinator.</summary>
    public bool IsLiaison => Policies.LiaisonRoles.Any(IsInRole);
    /// <summary>The address the request came from (the client's, behind a listed proxy); null outside a request.</summary>
    public string? ClientAddress => _http?.HttpContext?.Connection.RemoteIpAddress is { } a ? (a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a).ToString() : null;

    /// <summary>Acts for a given principal outside an HTTP request (CLI verbs, tests).</summary>
    public void Use(ClaimsPrincipal principal) => _principal = principal;

    /// <summary>
    /// Lifts the visibility filter until the returned scope is disposed. Application code goes through
    /// <see cref="Data.BorderlinkDb.EnterSystemScopeAsync"/>, which audits the bypass; this is internal for that and for tests.
    /// </summary>
    internal IDisposable EnterSystemScope(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var previous = _systemReason;
        _systemReason = reason;
        return new Scope(() => _systemReason = previous);
    }

    private sealed class Scope(Action onDispose) : IDisposable
    {
        public void Dispose() => onDispose();
    }
}
