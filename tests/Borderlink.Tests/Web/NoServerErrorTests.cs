using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Borderlink.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Borderlink.Tests.Web;

/// <summary>
/// No input produces a 500. The operations come from the app's own OpenAPI document, so a new endpoint is fuzzed
/// without editing this test: malformed and mistyped bodies, missing and null fields, huge strings, unknown enum
/// values, impossible dates and numbers, bad path and query values — each on its own, against ids that exist and ids
/// that do not. An API answer of 400 must be a problem document.
/// </summary>
/// <remarks>Its own app: the valid-looking bodies create records other tests would see. About 5,500 requests to the API and 2,250 to pages (~20 s each on SQLite, 40–50 s on PostgreSQL): the fuzzing is the point.</remarks>
public sealed class NoServerErrorTests : OwnAppTest
{
    private const string Party = "langson";
    private static readonly string Huge = new('\u6C34', 60_000);

    private static readonly string[] OddQueryValues = ["abc", "99999999999", "-1", "0", "", "2026-13-45", "maybe", "\u0000", new string('9', 400)];

    /// <summary>The names a page reads from its query (<c>[SupplyParameterFromQuery]</c>, its own name unless it gives one).</summary>
    private static IEnumerable<string> QueryParameters(Type page) => page
        .GetProperties(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic)
        .Select(p => (Property: p, Attribute: p.GetCustomAttributes(typeof(Microsoft.AspNetCore.Components.SupplyParameterFromQueryAttribute), true)
            .OfType<Microsoft.AspNetCore.Components.SupplyParameterFromQueryAttribute>().FirstOrDefault()))
        .Where(p => p.Attribute is not null)
        .Select(p => p.Attribute!.Name ?? p.Property.Name);

    [Fact]
    public async Task No_api_operation_answers_5xx_to_any_input()
    {
        var coordinator = await App.SignInAsync(Party + ".coordinator");
        var admin = await App.SignInAsync(Party + ".admin");
        var document = JsonNode.Parse(await coordinator.GetStringAsync("/openapi/v1.json"))!;
        var schemas = document["components"]!["schemas"]!.AsObject();
        var operations = Operations(document).ToList();
        Assert.True(operations.Count > 100, $"only {operations.Count} operations in the OpenAPI document");

        var failures = new List<(string Operation, string Input, string Answer)>();
        var sent = 0;
        async Task SendAsync(Operation op, string path, string? contentType, byte[]? body, string what)
        {
            sent++;
            var response = await SendAsAsync(coordinator, op.Method, path, contentType, body);
            if (response.StatusCode == HttpStatusCode.Forbidden)
            {
                response = await SendAsAsync(admin, op.Method, path, contentType, body);
            }
            var status = (int)response.StatusCode;
            if (status >= 500)
            {
                failures.Add(($"{op.Method} {op.Template}", what, status.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
            else if (status == 400 && path.StartsWith("/api/", StringComparison.Ordinal)
                && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                failures.Add(($"{op.Method} {op.Template}", what, "400 without a problem document"));
            }
        }

        // First the valid-looking creations, so that the ids below exist; then every mutation against them.
        foreach (var op in operations.Where(o => o.Method == "POST" && !o.Template.Contains('{') && o.JsonSchema is not null))
        {
            await SendAsync(op, op.Template, "application/json", Bytes(Sample(op.JsonSchema!, schemas, 0)), "valid-looking");
        }
        var known = await KnownIdsAsync(coordinator, admin, operations);

        foreach (var op in operations)
        {
            // Every input against the first address (an existing id where the collection lists one); the other
            // addresses (unknown id, a gate code, nonsense) with the malformed bodies and queries only.
            var first = true;
            foreach (var (path, pathWhat) in Paths(op, known))
            {
                var everything = first;
                first = false;
                await SendAsync(op, path + EmptyQuery(op), null, op.Method is "GET" or "DELETE" ? null : [], pathWhat);
                foreach (var (query, queryWhat) in op.QueryParameters.Where(_ => everything).SelectMany(p => BadValues(p)))
                {
                    await SendAsync(op, path + query, null, null, $"{pathWhat}, {queryWhat}");
                }
                if (op.Method is "GET" or "DELETE")
                {
                    continue;
                }
                foreach (var (raw, what) in RawBodies())
                {
                    await SendAsync(op, path, "application/json", raw, $"{pathWhat}, {what}");
                }
                // A body declared in a character set nothing here can decode.
                await SendAsync(op, path, "application/json; charset=klingon", "{}"u8.ToArray(), $"{pathWhat}, unknown charset");
                foreach (var type in op.OtherContentTypes)
                {
                    await SendAsync(op, path, type, Encoding.UTF8.GetBytes("id,when\n\"unclosed,2026-02-30\n\u0000\u0001"), $"{pathWhat}, garbage {type}");
                    await SendAsync(op, path, type, [], $"{pathWhat}, empty {type}");
                    await SendAsync(op, path, type + "; charset=klingon", "id\n1\n"u8.ToArray(), $"{pathWhat}, {type} in an unknown charset");
                }
                if (op.JsonSchema is null || !everything)
                {
                    continue;
                }
                var sample = Sample(op.JsonSchema, schemas, 0);
                await SendAsync(op, path, "application/json", Bytes(sample), $"{pathWhat}, valid-looking");
                foreach (var (body, what) in Mutations(op.JsonSchema, schemas, sample))
                {
                    await SendAsync(op, path, "application/json", Bytes(body), $"{pathWhat}, {what}");
                }
            }
        }

        Assert.True(sent > 1500, $"only {sent} requests sent");
        // One line per operation and kind of failure, server errors first, with the first input that caused it.
        var summary = failures
            .GroupBy(f => f.Operation + " → " + f.Answer)
            .OrderBy(g => g.First().Answer.StartsWith('4') ? 1 : 0)
            .Select(g => $"{g.Key} ({g.Count()}×, e.g. {g.First().Input})");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} requests failed:\n" + string.Join("\n", summary.Take(100)));
    }

    [Fact]
    public async Task No_page_answers_5xx_to_any_address_or_form_input()
    {
        var coordinator = await App.SignInAsync(Party + ".coordinator");
        var admin = await App.SignInAsync(Party + ".admin");
        var document = JsonNode.Parse(await coordinator.GetStringAsync("/openapi/v1.json"))!;
        // Ids that exist: every record and code the API lists to this party (its own and what partners share).
        var known = (await KnownIdsAsync(coordinator, admin, Operations(document).ToList())).Values.Distinct().ToList();
        Assert.Contains("CN-GX", known); // positive control: the lists were read
        known.Add("HUUNGHI-YOUYIGUAN");
        var failures = new List<string>();
        var sent = 0;
        var forms = 0;
        async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request, string what)
        {
            sent++;
            var response = await client.SendAsync(request);
            await response.Content.LoadIntoBufferAsync();
            if ((int)response.StatusCode >= 500) failures.Add($"{request.Method} {what} → {(int)response.StatusCode}");
            return response;
        }

        var pageTypes = App.Service(sp => sp.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Components.Endpoints.ComponentTypeMetadata>() is not null)
            .GroupBy(e => e.RoutePattern.RawText!)
            .ToDictionary(g => g.Key, g => g.First().Metadata.GetMetadata<Microsoft.AspNetCore.Components.Endpoints.ComponentTypeMetadata>()!.Type));
        var pages = pageTypes.Keys.ToList();
        Assert.True(pages.Count > 50, $"only {pages.Count} pages");
        var addresses = new List<(string Page, string Address)>();
        foreach (var page in pages)
        {
            List<string> filled;
            if (!page.Contains('{'))
            {
                filled = [page];
            }
            else
            {
                IEnumerable<string> values = page.Contains(":int}", StringComparison.Ordinal) ? ["1", "0", "2147483647"]
                    : page.Contains(":guid}", StringComparison.Ordinal) ? known.Where(k => Guid.TryParse(k, out _)).Append(Guid.NewGuid().ToString())
                    : known.Append("NOPE").Append(Uri.EscapeDataString(new string('x', 300) + "'\"<>"));
                filled = values.Select(v => System.Text.RegularExpressions.Regex.Replace(page, "\\{[^}]+\\}", v)).ToList();
            }
            addresses.AddRange(filled.Select(a => (page, a)));
            // Every value the page reads from its query, unreadable for its type, out of range, empty or odd: read from
            // the page's own parameters, so a new one is tried without editing this test.
            foreach (var name in QueryParameters(pageTypes[page]))
            {
                addresses.AddRange(OddQueryValues.Select(v => (page, $"{filled[0]}?{Uri.EscapeDataString(name)}={Uri.EscapeDataString(v)}")));
            }
        }
        Assert.Contains(addresses, a => a.Address == "/notes?page=abc"); // positive control: the page's query parameters were found
        foreach (var (page, address) in addresses)
        {
            // Administration pages as the administrator, the rest as the coordinator.
            var client = coordinator;
            var response = await SendAsync(client, new HttpRequestMessage(HttpMethod.Get, address), address);
            if (response.Headers.Location?.ToString().Contains("/denied", StringComparison.Ordinal) == true)
            {
                client = admin;
                response = await SendAsync(client, new HttpRequestMessage(HttpMethod.Get, address), address);
            }
            // Forms once per page, from its plain address (not again for each odd query value).
            if (response.StatusCode != HttpStatusCode.OK || page.Contains('{') || address != page) continue;
            // Signing out is a form too; it is left alone so that the rest runs signed in.
            foreach (var form in Forms(await response.Content.ReadAsStringAsync()).Where(f => f.Action != "/logout"))
            {
                forms++;
                foreach (var (fields, what) in FormMutations(form))
                {
                    using var post = new HttpRequestMessage(HttpMethod.Post, form.Action ?? address) { Content = new FormUrlEncodedContent(fields) };
                    await SendAsync(client, post, $"{address} form {form.Name} [{what}]");
                }
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} requests failed:\n" + string.Join("\n", failures.Distinct().Take(80)));
        Assert.True(addresses.Count > 200 && forms > 30, $"only {addresses.Count} addresses and {forms} forms tried");
        // Still signed in at the end, so the pages above were answered to a user, not redirected to sign in.
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync("/notes")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/users")).StatusCode);
    }

    private sealed record HtmlForm(string Name, string? Action, IReadOnlyList<KeyValuePair<string, string>> Fields);

    /// <summary>The page's POST forms with the values a browser would submit (hidden fields, inputs, first options, text areas).</summary>
    private static IEnumerable<HtmlForm> Forms(string html)
    {
        foreach (System.Text.RegularExpressions.Match form in System.Text.RegularExpressions.Regex.Matches(html, "<form[^>]*method=\"post\"[^>]*>(.*?)</form>",
            System.Text.RegularExpressions.RegexOptions.Singleline | System.Text.RegularExpressions.RegexOptions.IgnoreCase))
        {
            var action = System.Text.RegularExpressions.Regex.Match(form.Value[..form.Value.IndexOf('>')], "action=\"([^\"]*)\"");
            var fields = new List<KeyValuePair<string, string>>();
            foreach (System.Text.RegularExpressions.Match field in System.Text.RegularExpressions.Regex.Matches(form.Groups[1].Value,
                "<(input|select|textarea)\\b([^>]*)>(.*?)(?=<(?:input|select|textarea|/form)\\b|$)", System.Text.RegularExpressions.RegexOptions.Singleline))
            {
                var attributes = field.Groups[2].Value;
                var name = System.Text.RegularExpressions.Regex.Match(attributes, "name=\"([^\"]+)\"");
                if (!name.Success) continue;
                var type = System.Text.RegularExpressions.Regex.Match(attributes, "type=\"([^\"]+)\"").Groups[1].Value;
                if (type is "checkbox" or "radio" && !attributes.Contains("checked", StringComparison.Ordinal)) continue;
                var value = field.Groups[1].Value switch
                {
                    "select" => System.Text.RegularExpressions.Regex.Match(field.Groups[3].Value, "<option[^>]*value=\"([^\"]*)\"").Groups[1].Value,
                    "textarea" => field.Groups[3].Value[..Math.Max(0, field.Groups[3].Value.IndexOf("</textarea>", StringComparison.Ordinal))],
                    _ => System.Text.RegularExpressions.Regex.Match(attributes, "value=\"([^\"]*)\"").Groups[1].Value,
                };
                fields.Add(new(WebUtility.HtmlDecode(name.Groups[1].Value), WebUtility.HtmlDecode(value)));
            }
            var formName = fields.FirstOrDefault(f => f.Key == "_handler").Value ?? "(unnamed)";
            yield return new HtmlForm(formName, action.Success ? WebUtility.HtmlDecode(action.Groups[1].Value) : null, fields);
        }
    }

    /// <summary>The form as the page filled it, then each visible field replaced by nonsense, one at a time.</summary>
    private static IEnumerable<(List<KeyValuePair<string, string>> Fields, string What)> FormMutations(HtmlForm form)
    {
        yield return (form.Fields.ToList(), "as filled");
        string[] values = [new string('\u6C34', 20_000), "abc", "-1", "2026-13-45", "99999999999999999999", "", "NotAThing"];
        foreach (var field in form.Fields.Where(f => f.Key is not "_handler" and not "__RequestVerificationToken").Select(f => f.Key).Distinct())
        {
            foreach (var value in values)
            {
                var fields = form.Fields.Where(f => f.Key != field).Append(new(field, value)).ToList();
                yield return (fields, $"{field}={(value.Length > 20 ? "long" : value)}");
            }
        }
        yield return (form.Fields.Where(f => f.Key is "_handler" or "__RequestVerificationToken").ToList(), "only the handler");
    }

    private sealed record Operation(string Method, string Template, JsonNode? JsonSchema, IReadOnlyList<string> OtherContentTypes,
        IReadOnlyList<(string Name, JsonNode Schema)> QueryParameters);

    private static IEnumerable<Operation> Operations(JsonNode document)
    {
        foreach (var (template, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, op) in item!.AsObject())
            {
                var content = op!["requestBody"]?["content"]?.AsObject();
                var json = content?["application/json"]?["schema"];
                var others = content?.Select(c => c.Key).Where(k => k != "application/json").ToList() ?? [];
                var query = (op["parameters"]?.AsArray() ?? [])
                    .Where(p => (string?)p!["in"] == "query")
                    .Select(p => ((string)p!["name"]!, p["schema"] ?? new JsonObject())).ToList();
                yield return new Operation(method.ToUpperInvariant(), template, json, others, query);
            }
        }
    }

    private static async Task<HttpResponseMessage> SendAsAsync(HttpClient client, string method, string path, string? contentType, byte[]? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            if (contentType is not null)
            {
                request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
            }
        }
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    /// <summary>For each collection, one id (or code) that exists, read from its list.</summary>
    private static Task<Dictionary<string, string>> KnownIdsAsync(HttpClient coordinator, HttpClient admin, List<Operation> operations) =>
        ApiCollections.FirstIdsAsync(coordinator, operations.Where(o => o.Method == "GET" && !o.Template.Contains('{')).Select(o => o.Template), admin);

    /// <summary>The operation's path with each parameter an existing id (when its collection lists one), an unknown one, and nonsense.</summary>
    private static IEnumerable<(string Path, string What)> Paths(Operation op, Dictionary<string, string> known)
    {
        if (!op.Template.Contains('{'))
        {
            yield return (op.Template, "no parameters");
            yield break;
        }
        var collection = op.Template[..op.Template.IndexOf('{')].TrimEnd('/');
        var existing = known.GetValueOrDefault(collection);
        if (existing is not null)
        {
            yield return (Fill(op.Template, existing), "existing id");
        }
        yield return (Fill(op.Template, Guid.NewGuid().ToString()), "unknown id");
        yield return (Fill(op.Template, "HUUNGHI-YOUYIGUAN"), "a gate code");
        yield return (Fill(op.Template, Uri.EscapeDataString(new string('x', 400) + "\u202E'\"<>")), "nonsense id");
    }

    private static string Fill(string template, string value) =>
        System.Text.RegularExpressions.Regex.Replace(template, "\\{([^}]+)\\}", m => m.Groups[1].Value switch
        {
            "language" => "fr",
            "documentName" => "v1",
            _ => value,
        });

    private static string EmptyQuery(Operation op) => op.QueryParameters.Count == 0 ? "" : "?" + string.Join("&", op.QueryParameters.Select(p => p.Name + "="));

    private static IEnumerable<(string Query, string What)> BadValues((string Name, JsonNode Schema) parameter)
    {
        string[] values = ["abc", "-1", "99999999999999999999", "2026-13-45", Uri.EscapeDataString(new string('\u6C34', 3000)), "%00"];
        foreach (var value in values)
        {
            yield return ($"?{parameter.Name}={value}", $"{parameter.Name}={(value.Length > 20 ? "long" : value)}");
        }
    }

    private static IEnumerable<(byte[] Body, string What)> RawBodies()
    {
        yield return ([], "empty body");
        yield return ("{"u8.ToArray(), "truncated JSON");
        yield return ("[]"u8.ToArray(), "an array");
        yield return ("null"u8.ToArray(), "null");
        yield return ("\"text\""u8.ToArray(), "a string");
        yield return ([0xFF, 0xFE, 0x7B, 0xC3, 0x28, 0x7D], "invalid UTF-8");
        yield return (Encoding.UTF8.GetBytes("{\"x\":" + new string('[', 5000) + new string(']', 5000) + "}"), "deep nesting");
    }

    private static JsonNode Resolve(JsonNode schema, JsonObject schemas)
    {
        var reference = (string?)schema["$ref"];
        return reference is null ? schema : schemas[reference.Split('/')[^1]]!;
    }

    private static string Type(JsonNode schema) => schema["type"] switch
    {
        JsonArray types => types.Select(t => (string)t!).FirstOrDefault(t => t is not "null" and not "string") ?? types.Select(t => (string)t!).FirstOrDefault(t => t != "null") ?? "string",
        JsonValue type => (string)type!,
        _ => schema["properties"] is not null ? "object" : schema["enum"] is not null ? "string" : "any",
    };

    private static JsonNode? Sample(JsonNode schema, JsonObject schemas, int depth)
    {
        schema = Resolve(schema, schemas);
        if (schema["enum"] is JsonArray values && values.Count > 0) return values[0]!.DeepClone();
        if (schema["anyOf"] is JsonArray anyOf) return Sample(anyOf.First(s => (string?)s!["type"] != "null")!, schemas, depth);
        return Type(schema) switch
        {
            "object" when depth < 4 => new JsonObject((schema["properties"]?.AsObject() ?? [])
                .Select(p => KeyValuePair.Create(p.Key, Sample(p.Value!, schemas, depth + 1)))),
            "object" => new JsonObject(),
            "array" => depth < 4 && schema["items"] is { } items ? new JsonArray(Sample(items, schemas, depth + 1)) : [],
            "integer" => 1,
            "number" => 1.5,
            "boolean" => true,
            _ => (string?)schema["format"] switch
            {
                "date-time" => "2026-11-20T08:00:00Z",
                "date" => "2026-11-20",
                "uuid" => Guid.NewGuid().ToString(),
                _ => "Lạng Sơn 凭祥 x",
            },
        };
    }

    /// <summary>The sample with one field changed at a time.</summary>
    private static IEnumerable<(JsonNode? Body, string What)> Mutations(JsonNode schema, JsonObject schemas, JsonNode? sample)
    {
        schema = Resolve(schema, schemas);
        if (sample is not JsonObject)
        {
            yield break;
        }
        foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
        {
            var resolved = Resolve(property!, schemas);
            var type = resolved["enum"] is not null ? "enum" : Type(resolved);
            JsonNode?[] values = type switch
            {
                "string" => (string?)resolved["format"] switch
                {
                    "date-time" or "date" => ["2026-13-45", "yesterday", "0001-01-01", "9999-12-31T23:59:59Z", 5],
                    "uuid" => ["not-a-uuid", Guid.Empty.ToString(), 5],
                    _ => [Huge, "", "   ", "nul\u0000in text", 12345, new JsonObject()],
                },
                "enum" => ["NotAThing", 99, ""],
                "integer" => ["abc", 1e30, -2147483649L, -1, 0],
                "number" => ["abc", double.MaxValue, -1],
                "boolean" => ["maybe", 2],
                "array" => ["x", new JsonArray(Enumerable.Range(0, 3000).Select(_ => (JsonNode?)"x").ToArray()), new JsonArray((JsonNode?)null)],
                "object" => ["x", new JsonArray(), new JsonObject { ["unknown"] = 1 }],
                _ => ["x", 5],
            };
            foreach (var value in values.Append(null))
            {
                var body = sample.DeepClone().AsObject();
                body[name] = value?.DeepClone();
                var shown = value?.ToJsonString() ?? "null";
                yield return (body, $"{name}={(shown.Length > 24 ? shown[..24] + "…" : shown)}");
            }
            var without = sample.DeepClone().AsObject();
            without.Remove(name);
            yield return (without, $"without {name}");
        }
    }

    private static byte[] Bytes(JsonNode? body) => Encoding.UTF8.GetBytes(body?.ToJsonString() ?? "null");
}
