using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Borderlink.Features.Notifications;
using Borderlink.Tests.Infrastructure;

namespace Borderlink.Tests.Features.Notifications;

/// <summary>Wrappers over /api/v1/notifications so tests read as what officials do.</summary>
public static class NotificationApiClient
{
    public const string Path = NotificationsApi.Path;

    public static async Task<NotificationDto> DraftNotificationAsync(this HttpClient client, string title, string disease = "dengue",
        string[]? addressees = null, string language = "vi", string[]? places = null, string details = "Chi tiết")
    {
        var response = await client.PostAsJsonAsync(Path, new
        {
            title, disease, places = places ?? ["Lạng Sơn"], addressees = addressees ?? ["CN-GX"], language, details,
            suspected = 3, confirmed = 1, risk = "Moderate",
        }, Json.Options);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadAsync<NotificationDto>();
    }

    public static async Task<NotificationDto> SendNotificationAsync(this HttpClient client, NotificationDto draft)
    {
        var response = await client.PostWithVersionAsync($"{Path}/{draft.Id}/send", new { }, draft.Version);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadAsync<NotificationDto>();
    }

    public static async Task<NotificationDto> NotifyAsync(this HttpClient client, string title, string disease = "dengue", string[]? addressees = null,
        string language = "vi") =>
        await client.SendNotificationAsync(await client.DraftNotificationAsync(title, disease, addressees, language));

    public static Task<HttpResponseMessage> AcknowledgeAsync(this HttpClient client, Guid id) =>
        client.PostAsJsonAsync($"{Path}/{id}/acknowledgement", new { }, Json.Options);

    public static async Task<NotificationDto> GetNotificationAsync(this HttpClient client, Guid id)
    {
        var response = await client.GetAsync($"{Path}/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadAsync<NotificationDto>();
    }

    public static Task<HttpResponseMessage> PostWithVersionAsync(this HttpClient client, string path, object body, long version)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: Json.Options) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        return client.SendAsync(request);
    }
}
