using System.Net.Http.Json;
using Borderlink.Tests.Infrastructure;

namespace Borderlink.Tests.Features.Situation;

public static class SituationApiClient
{
    /// <summary>Reports one row of one period, as a surveillance system pushes it; asserts it was taken.</summary>
    public static async Task ReportRowAsync(this HttpClient client, string period, string disease, string place, int newCases)
    {
        var response = await client.PostAsJsonAsync("/api/v1/situation-reports/rows",
            new { rows = new[] { new { disease, place, period, newCases, deaths = 0 } } }, Json.Options);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
