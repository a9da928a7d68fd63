using Borderlink.Data;
using Borderlink.Features.Accounts;
using Borderlink.Features.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace Borderlink.Web;

/// <summary>Form posts behind the header: language, display preferences, sign-out. All work without JavaScript.</summary>
public static class PreferencesEndpoints
{
    public static IEndpointRouteBuilder MapPreferences(this IEndpointRouteBuilder app)
    {
        app.MapPost("/preferences/language", async (HttpContext http, UserManager<BorderlinkUser> users, [FromForm] string culture, [FromForm] string? returnUrl) =>
            {
                var canonical = Languages.Canonical(culture);
                if (canonical is null)
                {
                    return Results.BadRequest();
                }
                SetCultureCookie(http.Response, canonical);
                if (http.User.Identity?.IsAuthenticated == true && await users.GetUserAsync(http.User) is { } user)
                {
                    user.PreferredLanguage = canonical;
                    await users.UpdateAsync(user);
                }
                return Results.LocalRedirect(SafeReturn(returnUrl));
            })
            .AllowAnonymous().WithTags("Preferences").ExcludeFromDescription();

        app.MapPost("/preferences/display", (HttpContext http, [FromForm] string toggle, [FromForm] string? returnUrl) =>
            {
                var current = DisplayPreferences.Read(http.Request);
                var next = toggle switch
                {
                    "dark" => current with { Dark = !current.Dark },
                    "large" => current with { Large = !current.Large },
                    _ => current,
                };
                http.Response.Cookies.Append(DisplayPreferences.CookieName, next.ToCookie(),
                    new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
                return Results.LocalRedirect(SafeReturn(returnUrl));
            })
            .AllowAnonymous().WithTags("Preferences").ExcludeFromDescription();

        app.MapPost("/logout", async (SignInManager<BorderlinkUser> signIn, BorderlinkDb db) =>
            {
                db.Audit(Borderlink.Features.Audit.AuditActions.Logout, AuditOutcomes.Ok);
                await db.SaveChangesAsync();
                await signIn.SignOutAsync();
                return Results.LocalRedirect("/login");
            })
            .RequireAuthorization(Policies.Reader).WithTags("Preferences").ExcludeFromDescription();
        return app;
    }

    public static void SetCultureCookie(HttpResponse response, string culture) =>
        response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });

    /// <summary>Only paths on this site; anything else (//evil, http://…) goes home.</summary>
    public static string SafeReturn(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl : "/";
}
