using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Borderlink.Features.Accounts;
using Borderlink.Tests.Infrastructure;

namespace Borderlink.Tests.Features.Screening;

/// <summary>A gate system as Lang Son's administrator connects one: a client holding an API token limited to one gate.</summary>
public static class GateSystem
{
    public static async Task<HttpClient> ConnectAsync(BorderlinkApp app, string gate)
    {
        var admin = await app.SignInAsync("langson.admin");
        var agencies = await (await admin.GetAsync("/api/v1/agencies?party=VN-09")).ReadJsonAsync();
        var agency = agencies.EnumerateArray().First(a => a.GetProperty("functionCode").GetString() == "health").GetProperty("id").GetGuid();
        var issued = await admin.PostAsJsonAsync("/api/v1/api-tokens",
            new { agencyId = agency, name = "Trạm kiểm dịch " + gate, role = "officer", scopes = new[] { "gates" }, expiresInDays = 30, gatePair = gate }, Json.Options);
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await issued.ReadAsync<IssuedTokenDto>()).Secret);
        return client;
    }
}
