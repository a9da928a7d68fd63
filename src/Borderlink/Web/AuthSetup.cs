using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using Borderlink.Data;
using Borderlink.Features.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Borderlink.Web;

public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>Administrators and liaisons must set up an authenticator app before they can work.</summary>
    public bool RequireTwoFactorForPrivileged { get; set; }

    /// <summary>Failed sign-ins of one account from one client address before that address must wait.</summary>
    [Range(3, 20)]
    public int MaxFailedLogins { get; set; } = 5;

    /// <summary>How long an address waits after <see cref="MaxFailedLogins"/> failures for one account.</summary>
    [Range(1, 1440)]
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>Failed sign-ins of one account from all addresses together per hour, before everyone must wait.</summary>
    [Range(5, 100_000)]
    public int MaxFailedLoginsPerAccountPerHour { get; set; } = 50;

    /// <summary>
    /// Credential submissions (sign-in, two-factor code, token issue) per client address per minute: an office of 50
    /// behind one address, each mistyping once, fits.
    /// </summary>
    [Range(1, 100_000)]
    public int SignInsPerAddressPerMinute { get; set; } = 120;
}

public static class AuthSetup
{
    /// <summary>Picks the bearer-token handler when the request carries one, the Identity cookie otherwise.</summary>
    public const string SmartScheme = "Borderlink";

    public static WebApplicationBuilder AddBorderlinkAuth(this WebApplicationBuilder builder)
    {
        builder.Services.AddSettings<SecurityOptions>(SecurityOptions.Section);
        var security = builder.Configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();

        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
            })
            .AddPolicyScheme(SmartScheme, SmartScheme, o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? ApiTokenAuthentication.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, null);

        builder.Services.AddIdentityCore<BorderlinkUser>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.User.RequireUniqueEmail = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = security.MaxFailedLogins;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(security.LockoutMinutes);
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<BorderlinkDb>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<ClaimsFactory>()
            .AddDefaultTokenProviders();
        builder.Services.AddAuthentication().AddIdentityCookies();
        // Role, agency and lock changes take effect within a minute: the cookie is re-checked against the security stamp.
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/login";
            o.AccessDeniedPath = "/denied";
            o.Cookie.Name = "borderlink.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(10);
            // The API answers with status codes, never with a redirect to the login page.
            o.Events.OnRedirectToLogin = ctx => ApiOr(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiOr(ctx, StatusCodes.Status403Forbidden);
            // Identity's validator is resolved for every request, with the sign-in and user managers behind it, only to
            // find nearly always that the cookie was issued less than the interval ago; the same check comes first here,
            // without them (they were a sixth of what a note's creation allocated, bench write-contention).
            o.Events.OnValidatePrincipal = ctx =>
            {
                var stamp = ctx.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
                var now = (stamp.TimeProvider ?? TimeProvider.System).GetUtcNow();
                return ctx.Properties.IssuedUtc is { } issued && now - issued <= stamp.ValidationInterval
                    ? Task.CompletedTask
                    : SecurityStampValidator.ValidatePrincipalAsync(ctx);
            };
        });

        Policies.Configure(builder.Services.AddAuthorizationBuilder());
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AuditingAuthorizationResultHandler>();
        builder.Services.AddCascadingAuthenticationState();

        builder.Services.AddSingleton<SignInGuard>();
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Token issue (an API call): the sign-in limit per client address. Sign-in forms count in SignInGuard.
            o.AddPolicy("credentials", ctx => RateLimitPartition.GetFixedWindowLimiter(
                SignInGuard.AddressOf(ctx),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = security.SignInsPerAddressPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.OnRejected = async (context, ct) =>
            {
                SignInGuard.Refuse(context.HttpContext.Response, SignInGuard.RetryAfter(context.Lease, TimeSpan.FromMinutes(1)));
                context.HttpContext.RequestServices.GetRequiredService<NodeMetrics>().SignInFailed("limit");
                var L = context.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>();
                await ApiResults.Problem(L, StatusCodes.Status429TooManyRequests, "too-many-requests", "Problem.TooManyRequests").ExecuteAsync(context.HttpContext);
            };
        });
        return builder;
    }

    private static Task ApiOr(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
