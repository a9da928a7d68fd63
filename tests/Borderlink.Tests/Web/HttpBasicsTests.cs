using System.Net;
using Borderlink.Tests.Infrastructure;

namespace Borderlink.Tests.Web;

public sealed class HttpBasicsTests(SharedApp app)
{
    [Fact]
    public async Task Health_checks_the_database_anonymously()
    {
        var response = await app.Anonymous().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Every_page_carries_the_security_headers()
    {
        var response = await app.Anonymous().GetAsync("/login");
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Problems_are_RFC_9457_with_a_stable_type_and_a_localized_title()
    {
        var client = await app.SignInAsync("langson.officer", language: "vi");
        var response = await client.GetAsync($"/api/v1/liaison-notes/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Equal("urn:borderlink:problem:not-found", problem.GetProperty("type").GetString());
        Assert.Equal("Không tìm thấy", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_notes_api()
    {
        var doc = await app.Anonymous().GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/v1/liaison-notes/{id}/visibility", doc, StringComparison.Ordinal);
        Assert.Contains("CreateLiaisonNote", doc, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversized_request_is_refused()
    {
        var client = await app.SignInAsync("langson.officer");
        var huge = System.Text.Json.JsonSerializer.Serialize(new { title = "big", body = new string('x', 2 * 1024 * 1024), language = "en" });
        var response = await client.PostAsync("/api/v1/liaison-notes", new StringContent(huge, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("urn:borderlink:problem:too-large", (await response.ReadJsonAsync()).GetProperty("type").GetString());
        var stored = await app.WithSystemDbAsync(db => Task.FromResult(db.LiaisonNotes.Any(n => n.Title == "big")));
        Assert.False(stored);
    }

    [Fact]
    public async Task The_api_page_lists_operations_and_who_may_call_them()
    {
        var client = await app.SignInAsync("laocai.viewer", language: "en");
        var html = await client.GetStringAsync("/api-docs");
        Assert.Contains("/api/v1/liaison-notes/{id}/visibility", html, StringComparison.Ordinal);
        Assert.Contains("liaison", html, StringComparison.Ordinal);
    }
}
