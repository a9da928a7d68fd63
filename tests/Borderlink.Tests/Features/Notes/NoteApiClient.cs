using System.Net.Http.Headers;
using System.Net.Http.Json;
using Borderlink.Features.Notes;
using Borderlink.Tests.Infrastructure;

namespace Borderlink.Tests.Features.Notes;

/// <summary>Small wrappers over /api/v1/liaison-notes so tests read as what a user does.</summary>
public static class NoteApiClient
{
    public const string Path = "/api/v1/liaison-notes";

    public static Task<HttpResponseMessage> CreateAsync(this HttpClient client, object body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = JsonContent.Create(body, options: Json.Options) };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return client.SendAsync(request);
    }

    public static async Task<NoteDto> CreateNoteAsync(this HttpClient client, string title, string visibility = "Internal",
        string[]? audience = null, string[]? restrictedTo = null, string language = "vi")
    {
        var response = await client.CreateAsync(new { title, body = "Nội dung: " + title, language, visibility, audience, restrictedTo });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return await response.ReadAsync<NoteDto>();
    }

    public static Task<HttpResponseMessage> PutAsync(this HttpClient client, string path, object body, long? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body, options: Json.Options) };
        if (ifMatch is { } v) request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{v}\""));
        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> ShareAsync(this HttpClient client, Guid id, long version, string visibility, string[]? audience = null, string[]? restrictedTo = null) =>
        client.ShareRecordAsync($"{Path}/{id}/visibility", version, visibility, audience, restrictedTo);

    /// <summary>PUT a visibility change to any record type's visibility endpoint.</summary>
    public static Task<HttpResponseMessage> ShareRecordAsync(this HttpClient client, string path, long version, string visibility, string[]? audience, string[]? restrictedTo) =>
        client.PutAsync(path, new { visibility, audience, restrictedTo }, version);
}
