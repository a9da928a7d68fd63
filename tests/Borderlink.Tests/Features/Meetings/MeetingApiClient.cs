using System.Net;
using System.Net.Http.Json;
using Borderlink.Features.Meetings;
using Borderlink.Tests.Infrastructure;

namespace Borderlink.Tests.Features.Meetings;

public static class MeetingApiClient
{
    /// <summary>Schedules a meeting in Lang Son's zone at a gate, inviting the given parties; asserts it was created.</summary>
    public static async Task<MeetingDto> ScheduleMeetingAsync(this HttpClient client, string title, string localStart, string localEnd, string[] invite,
        string kind = "BorderGateMeeting", string language = "vi")
    {
        var response = await client.PostAsJsonAsync(MeetingsApi.Path, new
        {
            title, kind, localStart, localEnd, timeZone = "Asia/Ho_Chi_Minh", online = false, location = "Hữu Nghị", agenda = "", language, invite,
            participants = Array.Empty<object>(),
        }, Json.Options);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadAsync<MeetingDto>();
    }
}
