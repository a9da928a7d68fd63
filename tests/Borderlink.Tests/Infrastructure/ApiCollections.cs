using System.Net;
using System.Text.Json.Nodes;

namespace Borderlink.Tests.Infrastructure;

/// <summary>The API's collections as its own OpenAPI document lists them, and a record or code each of them holds.</summary>
public static class ApiCollections
{
    /// <summary>Every GET path without parameters in the app's OpenAPI document.</summary>
    public static async Task<List<string>> ListAsync(HttpClient client)
    {
        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
        return [.. document["paths"]!.AsObject().Where(p => !p.Key.Contains('{', StringComparison.Ordinal) && p.Value!["get"] is not null).Select(p => p.Key)];
    }

    /// <summary>
    /// For each collection, the first id (or code, or node id) it lists to <paramref name="reader"/>; a collection
    /// forbidden to the reader is read as <paramref name="forbiddenFallback"/> when one is given.
    /// </summary>
    public static async Task<Dictionary<string, string>> FirstIdsAsync(HttpClient reader, IEnumerable<string> collections, HttpClient? forbiddenFallback = null)
    {
        var known = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var collection in collections)
        {
            var response = await reader.GetAsync(collection);
            if (response.StatusCode == HttpStatusCode.Forbidden && forbiddenFallback is not null) response = await forbiddenFallback.GetAsync(collection);
            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType != "application/json") continue;
            var node = JsonNode.Parse(await response.Content.ReadAsStringAsync());
            var first = (node as JsonArray ?? node?["items"] as JsonArray)?.FirstOrDefault();
            if ((first?["id"] ?? first?["code"] ?? first?["nodeId"]) is { } id) known[collection] = id.ToString();
        }
        return known;
    }
}
