using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Borderlink.Tests.Infrastructure;

namespace Borderlink.Tests.Web;

/// <summary>Every endpoint and page declares who may use it; the few anonymous ones are named here on purpose.</summary>
public sealed class AuthorizationInventoryTests(SharedApp app)
{
    /// <summary>Routes anyone may reach: the way in, health, the API description, and display preferences.</summary>
    private static readonly HashSet<string> AnonymousByDesign = new(StringComparer.Ordinal)
    {
        "/login", "/login/two-factor", "/denied", "/not-found", "/healthz", "/openapi/{documentName}.json", "/preferences/language", "/preferences/display",
        "/exchange/v1/inbox", // partner nodes: authenticated by the message signature, not by a user
        "/calendar/{secret}.ics", // calendar programs: the secret in the address is the credential
    };

    private List<RouteEndpoint> Endpoints() => app.Service(sp => sp.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
        .Where(e => !IsStaticAsset(e))
        .ToList());

    private static bool IsStaticAsset(RouteEndpoint e) =>
        e.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor") || e.RoutePattern.RawText?.StartsWith("/_framework", StringComparison.Ordinal) == true
        || e.RoutePattern.RawText?.Contains(":file}", StringComparison.Ordinal) == true; // the static-file fallback

    [Fact]
    public void Every_endpoint_and_page_has_an_explicit_rule()
    {
        var endpoints = Endpoints();
        Assert.True(endpoints.Count > 20, $"only {endpoints.Count} endpoints found");
        var undeclared = endpoints
            .Where(e => e.Metadata.GetMetadata<IAuthorizeData>() is null && e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Select(e => e.DisplayName).ToList();
        Assert.Empty(undeclared);
    }

    [Fact]
    public void Only_the_intended_routes_are_anonymous()
    {
        var anonymous = Endpoints().Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => e.RoutePattern.RawText!).Distinct().ToList();
        Assert.All(anonymous, route => Assert.Contains(route, AnonymousByDesign));
    }

    [Fact]
    public async Task An_anonymous_caller_is_refused_everywhere_else()
    {
        // Positive control: the same requests signed in are answered, so a refusal below is the rule, not a broken app.
        var signedIn = await app.SignInAsync("langson.viewer");
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/api/v1/liaison-notes")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/notes")).StatusCode);

        var client = app.Anonymous();
        var guarded = Endpoints().Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null).ToList();
        foreach (var endpoint in guarded)
        {
            var path = Concrete(endpoint.RoutePattern.RawText!);
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods)
            {
                var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
                // Only a refusal counts: 401, 403, 404, or the page's redirect to sign in. (A 400 would mean the request
                // was read before anyone asked who sent it.)
                var refused = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound
                    || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/login", StringComparison.Ordinal));
                Assert.True(refused, $"{method} {path} answered {(int)response.StatusCode} to an anonymous caller");
                if (path.StartsWith("/api/", StringComparison.Ordinal))
                {
                    Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
                }
            }
        }
    }

    [Fact]
    public async Task A_user_without_the_role_is_refused_administration_and_it_is_audited()
    {
        var officer = await app.SignInAsync("laocai.officer");
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/api/v1/audit-entries")).StatusCode);
        var page = await officer.GetAsync("/admin/audit");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/denied", page.Headers.Location!.ToString(), StringComparison.Ordinal);
        var audited = await app.WithSystemDbAsync(db => Task.FromResult(
            db.AuditEntries.Count(e => e.Actor == "laocai.officer" && e.Action == "refused" && (e.Detail == Borderlink.Features.Audit.AuditDetail.RequestRefused("GET", "/api/v1/audit-entries").Stored()
                || e.Detail == Borderlink.Features.Audit.AuditDetail.RequestRefused("GET", "/admin/audit").Stored()))));
        Assert.Equal(2, audited);
    }

    [Fact]
    public async Task What_hangs_under_a_record_nobody_can_see_is_not_found_not_empty()
    {
        // Every API read addressed through a record's id: with an id that is no record of the caller's (unknown, or
        // another party's unshared one), the answer is 404 — an empty list would say the record exists.
        var officer = await app.SignInAsync("langson.coordinator");
        var reads = Endpoints()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal)
                && (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Contains("GET")
                && e.RoutePattern.Parameters.Any(p => p.ParameterPolicies.Any(pp => pp.Content == "guid")))
            .Select(e => e.RoutePattern.RawText!).Distinct().ToList();
        Assert.Contains("/api/v1/meetings/{meetingId:guid}/minutes/", reads);
        var notFound = new List<string>();
        foreach (var pattern in reads)
        {
            var path = System.Text.RegularExpressions.Regex.Replace(pattern, "\\{[^}]+\\}", _ => Guid.NewGuid().ToString());
            var response = await officer.GetAsync(path);
            if (response.StatusCode != HttpStatusCode.NotFound) notFound.Add($"GET {pattern} answered {(int)response.StatusCode}");
        }
        Assert.True(notFound.Count == 0, string.Join("\n", notFound));

        // Positive control: under a record the caller can see, the same kind of read answers.
        var meeting = await Borderlink.Tests.Features.Minutes.MinutesTests.MeetingAsync(officer);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/api/v1/meetings/{meeting.Id}/minutes")).StatusCode);
    }

    private static string Concrete(string pattern) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, "\\{[^}]+\\}", m => m.Value.Contains("guid", StringComparison.Ordinal) || m.Value.Contains("Id", StringComparison.OrdinalIgnoreCase)
            ? Guid.NewGuid().ToString() : "x");
}
