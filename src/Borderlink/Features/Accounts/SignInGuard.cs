using System.Threading.RateLimiting;
using Borderlink.Data;
using Borderlink.Features.Audit;
using Borderlink.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Borderlink.Features.Accounts;

/// <summary>
/// How hard guessing a password is made, without shutting an office out. Only credential submissions count (not page
/// views or stylesheets):
/// <list type="bullet">
/// <item>per client address, every submission: <see cref="SecurityOptions.SignInsPerAddressPerMinute"/> (an office of
/// 50 behind one address signs in at shift change well within the default);</item>
/// <item>per account and address, failures: after <see cref="SecurityOptions.MaxFailedLogins"/> that address may not try
/// that account again for <see cref="SecurityOptions.LockoutMinutes"/> — a stranger elsewhere cannot lock a colleague
/// out;</item>
/// <item>per account, failures from anywhere: <see cref="SecurityOptions.MaxFailedLoginsPerAccountPerHour"/>, the slower
/// limit on guessing spread over many addresses.</item>
/// </list>
/// A refusal carries the time to wait. Unknown accounts cost the same work as known ones (a password hash is checked
/// either way) and get the same answers.
/// </summary>
public sealed class SignInGuard : IDisposable
{
    private readonly PartitionedRateLimiter<string> _submissions;
    private readonly PartitionedRateLimiter<string> _failuresHere;
    private readonly PartitionedRateLimiter<string> _failuresAnywhere;
    private string? _dummyHash;
    private readonly NodeMetrics _metrics;
    private readonly PasswordHasher<BorderlinkUser> _hasher;

    /// <param name="hashing">Identity's hashing settings: the check against nobody costs what a real one does.</param>
    public SignInGuard(IOptions<SecurityOptions> options, IOptions<PasswordHasherOptions> hashing, NodeMetrics metrics)
    {
        _metrics = metrics;
        var o = options.Value;
        _submissions = Limiter(o.SignInsPerAddressPerMinute, TimeSpan.FromMinutes(1));
        _failuresHere = Limiter(o.MaxFailedLogins, TimeSpan.FromMinutes(o.LockoutMinutes));
        _failuresAnywhere = Limiter(o.MaxFailedLoginsPerAccountPerHour, TimeSpan.FromHours(1));
        _hasher = new PasswordHasher<BorderlinkUser>(hashing);
    }

    private static PartitionedRateLimiter<string> Limiter(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true,
        }));

    /// <summary>
    /// Takes one submission of <paramref name="userName"/>'s credentials from <paramref name="address"/>: null when it may
    /// be checked, or how long to wait.
    /// </summary>
    public TimeSpan? Enter(string address, string userName)
    {
        using (var submission = _submissions.AttemptAcquire(address))
        {
            if (!submission.IsAcquired) return RetryAfter(submission, TimeSpan.FromMinutes(1));
        }
        // Zero permits asks whether any are left without taking one.
        using var here = _failuresHere.AttemptAcquire(AccountHere(address, userName), 0);
        if (!here.IsAcquired) return RetryAfter(here, TimeSpan.FromMinutes(1));
        using var anywhere = _failuresAnywhere.AttemptAcquire(Account(userName), 0);
        return anywhere.IsAcquired ? null : RetryAfter(anywhere, TimeSpan.FromMinutes(1));
    }

    /// <summary>Counts a failed check against the account, from this address and from anywhere.</summary>
    public void Failed(string address, string userName)
    {
        _metrics.SignInFailed("credentials");
        _failuresHere.AttemptAcquire(AccountHere(address, userName)).Dispose();
        _failuresAnywhere.AttemptAcquire(Account(userName)).Dispose();
    }

    /// <summary>
    /// The work of checking a password, for an account that does not exist: its answer comes no faster. The first such
    /// check makes the hash the later ones compare against, which is the same work (one key derivation with the
    /// configured iterations); made in the constructor, it cost every start one derivation, even one nobody mistyped at.
    /// </summary>
    public void CheckAgainstNobody(string password)
    {
        if (Volatile.Read(ref _dummyHash) is { } hash)
        {
            _hasher.VerifyHashedPassword(new BorderlinkUser(), hash, password);
            return;
        }
        Interlocked.CompareExchange(ref _dummyHash, _hasher.HashPassword(new BorderlinkUser(), Guid.NewGuid().ToString()), null);
    }

    private static string Account(string userName) => userName.Trim().ToUpperInvariant();

    private static string AccountHere(string address, string userName) => Account(userName) + "|" + address;

    /// <summary>How long a refused lease says to wait, or <paramref name="fallback"/> when it does not say.</summary>
    public static TimeSpan RetryAfter(RateLimitLease lease, TimeSpan fallback) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var after) && after > TimeSpan.Zero ? after : fallback;

    /// <summary>The client's address as the request shows it (after forwarded headers from a known proxy).</summary>
    public static string AddressOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>
    /// Turns a sign-in form's submission away: 429 with the seconds to wait, the refusal audited with
    /// <paramref name="detail"/>; returns the words the page shows.
    /// </summary>
    public static async Task<string> RefuseAsync(HttpContext context, BorderlinkDb db, IStringLocalizer L, TimeSpan wait, string? userName)
    {
        Refuse(context.Response, wait);
        context.RequestServices.GetRequiredService<NodeMetrics>().SignInFailed("limit");
        db.Audit(AuditActions.LoginFailed, AuditOutcomes.Denied, detail: AuditDetail.LoginTooMany(userName, AddressOf(context)));
        await db.SaveChangesAsync();
        return L["Login.TooMany", Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes))];
    }

    /// <summary>Answers a refusal as HTTP does: 429 with the seconds to wait.</summary>
    public static void Refuse(HttpResponse response, TimeSpan retryAfter)
    {
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        _submissions.Dispose();
        _failuresHere.Dispose();
        _failuresAnywhere.Dispose();
    }
}
