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

    [Theory]
    [InlineData("zh-TW", "zh-Hans")]
    [InlineData("zh", "zh-Hans")]
    [InlineData("zh-HK,en;q=0.8", "zh-Hans")]
    [InlineData("zh-CN,zh;q=0.9", "zh-Hans")]
    [InlineData("de-DE,fr;q=0.7,zh;q=0.5", "fr")]
    [InlineData("en-US,en;q=0.9", "en")]
    public async Task A_browser_asking_for_any_Chinese_gets_Chinese_and_others_their_first_known_language(string acceptLanguage, string expected)
    {
        var client = app.Anonymous();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        var page = await client.GetStringAsync("/login");
        Assert.Contains($"<html lang=\"{expected}\"", page, StringComparison.Ordinal);
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

    [Theory]
    [InlineData("/notes?page=abc", "/notes", "page")]
    [InlineData("/notes?page=99999999999", "/notes", "page")]
    [InlineData("/situation?disease=dengue&periods=2147483648", "/situation", "periods")]
    [InlineData("/gates/HUUNGHI-YOUYIGUAN/screening?date=2026-13-45", "/gates/HUUNGHI-YOUYIGUAN/screening", "date")]
    public async Task A_page_address_with_a_query_value_the_page_cannot_hold_gets_a_400_page_naming_it_in_the_readers_language(string address, string path, string field)
    {
        var client = await app.SignInAsync("langson.officer", language: "vi");
        // Positive control: the same page with a value it can hold.
        var good = address[..address.LastIndexOf('=')] + (field == "date" ? "=2026-11-20" : "=2");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(good)).StatusCode);

        var response = await client.GetAsync(address);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Một số trường cần sửa.", page, StringComparison.Ordinal);
        Assert.Contains($"<code>{field}</code>: Không đọc được giá trị này", page, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{path}\">", page, StringComparison.Ordinal); // the way back, without the value
    }

    [Theory]
    [InlineData("{\"title\": 5, \"body\": \"b\", \"language\": \"fr\"}", "title", "illisible")]
    [InlineData("{\"title\": \"t\", \"body\": \"b\", \"language\": \"fr\", \"visibility\": \"Everyone\"}", "visibility", "illisible")]
    [InlineData("{\"title\": \"t\", \"body\": null, \"language\": \"fr\"}", "body", "obligatoire")]
    [InlineData("{\"title\": \"t\", \"body\": \"b\"", "body", "illisible")]
    public async Task A_body_that_does_not_parse_gets_a_problem_naming_the_field_in_the_callers_language(string json, string field, string message)
    {
        var client = await app.SignInAsync("langson.officer", language: "fr");
        var response = await client.PostAsync("/api/v1/liaison-notes", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Equal("urn:borderlink:problem:validation", problem.GetProperty("type").GetString());
        Assert.Equal("Certains champs doivent être corrigés.", problem.GetProperty("title").GetString());
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"no error for {field}: {errors}");
        Assert.Contains(message, messages[0].GetString(), StringComparison.Ordinal);

        // Positive control: the same note, well formed, is stored.
        var good = await client.PostAsync("/api/v1/liaison-notes", new StringContent("{\"title\": \"t\", \"body\": \"b\", \"language\": \"fr\"}",
            System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, good.StatusCode);
    }

    [Theory]
    [InlineData("application/json; charset=klingon", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/json; charset=\"x-unknown\"", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/json; charset=utf-8", HttpStatusCode.Created)]
    [InlineData("application/json; charset=\"UTF-8\"", HttpStatusCode.Created)]
    [InlineData("application/json", HttpStatusCode.Created)]
    public async Task A_body_in_a_character_set_nothing_here_decodes_is_refused_with_415_in_the_callers_language(string contentType, HttpStatusCode expected)
    {
        var client = await app.SignInAsync("langson.officer", language: "zh-Hans");
        var body = new ByteArrayContent("{\"title\": \"Bộ mã\", \"body\": \"b\", \"language\": \"vi\"}"u8.ToArray());
        body.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        var response = await client.PostAsync("/api/v1/liaison-notes", body);
        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.UnsupportedMediaType)
        {
            var problem = await response.ReadJsonAsync();
            Assert.Equal(("urn:borderlink:problem:unsupported-media-type", "此处不接受该内容类型。"),
                (problem.GetProperty("type").GetString(), problem.GetProperty("title").GetString()));
        }
    }

    [Fact]
    public async Task A_page_address_that_leads_nowhere_shows_the_not_found_page_in_the_readers_language()
    {
        var client = await app.SignInAsync("langson.officer", language: "vi");
        var home = await client.GetAsync("/notes");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.DoesNotContain("data-testid=\"not-found\"", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal); // positive control

        var missing = await client.GetAsync("/notse");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("text/html", missing.Content.Headers.ContentType?.MediaType);
        var page = System.Net.WebUtility.HtmlDecode(await missing.Content.ReadAsStringAsync());
        Assert.Contains("data-testid=\"not-found\">Trang hoặc hồ sơ này không tồn tại", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/\"", page, StringComparison.Ordinal);
        // An API address that leads nowhere stays a problem document.
        var api = await client.GetAsync("/api/v1/notse");
        Assert.Equal((HttpStatusCode.NotFound, "application/problem+json"), (api.StatusCode, api.Content.Headers.ContentType?.MediaType));
    }

    [Theory]
    [InlineData("/notes", HttpStatusCode.OK, "text/html")]
    [InlineData("/api/v1/liaison-notes", HttpStatusCode.OK, "application/json")]
    [InlineData("/healthz", HttpStatusCode.OK, "text/plain")]
    [InlineData("/notse", HttpStatusCode.NotFound, "text/html")]
    public async Task HEAD_answers_as_GET_does(string address, HttpStatusCode status, string mediaType)
    {
        var client = await app.SignInAsync("langson.officer");
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, address));
        var get = await client.GetAsync(address);
        Assert.Equal((status, mediaType), (head.StatusCode, head.Content.Headers.ContentType?.MediaType));
        Assert.Equal((get.StatusCode, get.Content.Headers.ContentType?.MediaType), (head.StatusCode, head.Content.Headers.ContentType?.MediaType));
    }

    [Fact]
    public async Task Records_are_never_cached_and_static_files_are()
    {
        var client = await app.SignInAsync("langson.officer");
        var api = await client.GetAsync("/api/v1/liaison-notes");
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.True(api.Headers.CacheControl?.NoStore, $"API answer: {api.Headers.CacheControl}");
        var page = await client.GetAsync("/notes");
        Assert.True(page.Headers.CacheControl?.NoStore, $"page: {page.Headers.CacheControl}");
        var unknown = await client.GetAsync("/api/v1/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);

        // Positive control: the fingerprinted stylesheet says how long it may be kept.
        var login = await app.Anonymous().GetStringAsync("/login");
        var stylesheet = System.Text.RegularExpressions.Regex.Match(login, "href=\"([^\"]*app[^\"]*\\.css)\"").Groups[1].Value;
        Assert.NotEmpty(stylesheet);
        var css = await app.Anonymous().GetAsync("/" + stylesheet.TrimStart('/'));
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.NotNull(css.Headers.CacheControl);
        Assert.False(css.Headers.CacheControl.NoStore, $"stylesheet: {css.Headers.CacheControl}");
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_notes_api()
    {
        var doc = await app.Anonymous().GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/v1/liaison-notes/{id}/visibility", doc, StringComparison.Ordinal);
        Assert.Contains("CreateLiaisonNote", doc, StringComparison.Ordinal);
        // A crossing's fields are described although a converter of its own reads them (any scalar as text).
        var crossing = System.Text.Json.JsonDocument.Parse(doc).RootElement.GetProperty("components").GetProperty("schemas").GetProperty("CrossingLine");
        Assert.Equal(["boolean", "null", "number", "string"],
            crossing.GetProperty("properties").GetProperty("disinfected").GetProperty("type").EnumerateArray().Select(t => t.GetString()).Order(StringComparer.Ordinal));
        Assert.True(crossing.GetProperty("properties").TryGetProperty("temperatureC", out _));
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
