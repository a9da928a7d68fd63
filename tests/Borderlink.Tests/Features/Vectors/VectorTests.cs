using System.Net;
using System.Net.Http.Json;
using Borderlink.Features.Vectors;
using Borderlink.Tests.Infrastructure;

namespace Borderlink.Tests.Features.Vectors;

/// <summary>Vector and host surveillance: the index, the threshold that suggests a notification, and who sees what.</summary>
public sealed class VectorTests() : OwnAppTest
{
    private static async Task<VectorObservationDto> RecordAsync(HttpClient client, string kind, int effort, int count, string pathogen = "")
    {
        var response = await client.PostAsJsonAsync(VectorsApi.Path, new
        {
            gatePair = "HUUNGHI-YOUYIGUAN", observedOn = "2026-11-22", kind, species = "", effort, count, pathogen, notes = "", language = "vi",
        }, Json.Options);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadAsync<VectorObservationDto>();
    }

    [Fact]
    public async Task An_index_over_its_threshold_or_a_pathogen_suggests_notifying_the_partner_who_sees_the_observation()
    {
        var langSon = await App.SignInAsync("langson.officer", "en");
        var rodents = await RecordAsync(langSon, "Rodent", 200, 1);
        Assert.Equal((0.5, 1.0, false), (rodents.Index, rodents.Threshold, rodents.SuggestsNotification));
        var fleas = await RecordAsync(langSon, "Flea", 10, 15);
        Assert.Equal((1.5, true), (fleas.Index, fleas.SuggestsNotification));
        var plague = await RecordAsync(langSon, "Rodent", 200, 1, "Yersinia pestis");
        Assert.True(plague.SuggestsNotification);

        // Thresholds are the liaisons'; a new one applies to later observations only.
        Assert.Equal(HttpStatusCode.Forbidden, (await langSon.PutAsJsonAsync($"{VectorsApi.Path}/thresholds/Rodent", new { index = 0.4 }, Json.Options)).StatusCode);
        Assert.True((await (await App.SignInAsync("langson.liaison")).PutAsJsonAsync($"{VectorsApi.Path}/thresholds/Rodent", new { index = 0.4 }, Json.Options)).IsSuccessStatusCode);
        Assert.True((await RecordAsync(langSon, "Rodent", 200, 1)).SuggestsNotification);
        Assert.False((await (await langSon.GetAsync($"{VectorsApi.Path}/{rodents.Id}")).ReadAsync<VectorObservationDto>()).SuggestsNotification);

        var guangxi = await App.SignInAsync("guangxi.officer", "zh-Hans");
        var seen = await (await guangxi.GetAsync($"{VectorsApi.Path}?gate=HUUNGHI-YOUYIGUAN")).ReadAsync<List<VectorObservationDto>>();
        Assert.Contains(seen, o => o.Id == plague.Id && o.Pathogen == "Yersinia pestis");
        var page = WebUtility.HtmlDecode(await guangxi.GetStringAsync("/vectors"));
        Assert.Contains("data-testid=\"vectors-suggest\"", page, StringComparison.Ordinal);
        Assert.Contains("鼠类", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await (await App.SignInAsync("caobang.officer")).GetAsync($"{VectorsApi.Path}/{plague.Id}")).StatusCode);
    }
}
