using Borderlink.Features.Alerts;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Borderlink.Features.Notifications;
using Borderlink.Features.Quarantine;
using Borderlink.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Tests.Features.Quarantine;

/// <summary>Facilities fill and empty with their stays; reaching the alert level alerts once per crossing; partners see how full, never who.</summary>
public sealed class QuarantineTests(SharedApp app)
{
    private static async Task<StayDto> AdmitAsync(HttpClient client, Guid facility, string label, int people, string purpose)
    {
        var response = await client.PostAsJsonAsync($"{QuarantineApi.Path}/stays",
            new { facilityId = facility, label, people, purpose, nationality = "CN", startedOn = "2026-11-20", plannedEnd = "2026-12-04" }, Json.Options);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadAsync<StayDto>();
    }

    private async Task<int> AlertsAsync(Guid facility) =>
        await app.WithSystemDbAsync(db => db.Alerts.CountAsync(a => a.RecordId == facility && a.Kind == Alert.FacilityNearCapacity
            && db.Users.Any(u => u.Id == a.UserId && u.UserName == "langson.coordinator")));

    [Fact]
    public async Task A_facility_is_placed_by_any_name_of_its_place_or_as_written_and_editing_it_in_the_form_keeps_its_place()
    {
        var langSon = await app.SignInAsync("langson.officer", "vi");
        async Task<HttpResponseMessage> CreateAsync(string place, bool keep) => await langSon.PostAsJsonAsync($"{QuarantineApi.Path}/facilities",
            new { name = "Khu cách ly " + Guid.NewGuid().ToString("N")[..6], kind = "Centralized", placeCode = place, keepPlaceAsWritten = keep, capacity = 20,
                alertAtPercent = 90, active = true, language = "vi" }, Json.Options);
        var placed = await (await CreateAsync("Lộc Bình", keep: false)).ReadAsync<FacilityDto>();
        Assert.Equal("VN-09-06529", placed.PlaceCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await CreateAsync("Trạm Qwxzzq", keep: false)).StatusCode);
        var kept = await CreateAsync("Trạm Qwxzzq", keep: true);
        Assert.Equal(HttpStatusCode.Created, kept.StatusCode);
        var asWritten = await kept.ReadAsync<FacilityDto>();
        Assert.Equal((null, "Trạm Qwxzzq"), (asWritten.PlaceCode, asWritten.PlaceAsWritten));

        var page = WebUtility.HtmlDecode(await langSon.GetStringAsync($"/quarantine/facilities/{asWritten.Id}"));
        Assert.Contains("Trạm Qwxzzq (chưa có trong danh mục địa danh)", page, StringComparison.Ordinal);
        Assert.Contains("Lộc Bình", WebUtility.HtmlDecode(await langSon.GetStringAsync($"/quarantine/facilities/{placed.Id}")), StringComparison.Ordinal);

        // Saved again through its form, as the form shows it, the facility keeps its place (the form used to send none).
        var editUrl = $"/quarantine/facilities/{placed.Id}/edit";
        var form = WebUtility.HtmlDecode(await langSon.GetStringAsync(editUrl));
        var shown = System.Text.RegularExpressions.Regex.Match(form, "id=\"place\" name=\"Form.Place\" value=\"([^\"]*)\"").Groups[1].Value;
        Assert.Contains("Lộc Bình", shown, StringComparison.Ordinal);
        var saved = await Forms.PostAsync(langSon, editUrl, editUrl, "facility", [
            new("Form.Name", placed.Name), new("Form.Kind", "Centralized"), new("Form.Capacity", "25"), new("Form.AlertAtPercent", "90"), new("Form.Active", "true"),
            new("Form.Language", "vi"), new("Form.Version", placed.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Form.Place", shown)]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await (await langSon.GetAsync($"{QuarantineApi.Path}/facilities/{placed.Id}")).ReadAsync<FacilityDto>();
        Assert.Equal((25, "VN-09-06529"), (after.Capacity, after.PlaceCode));
    }

    [Fact]
    public async Task A_facility_fills_with_its_stays_alerts_once_when_near_capacity_and_partners_see_only_how_full_it_is()
    {
        var langSon = await app.SignInAsync("langson.officer");
        var created = await langSon.PostAsJsonAsync($"{QuarantineApi.Path}/facilities",
            new { name = "Khu cách ly tập trung Đồng Đăng " + Guid.NewGuid().ToString("N")[..6], kind = "Centralized", gatePair = "HUUNGHI-YOUYIGUAN", capacity = 10,
                alertAtPercent = 90, active = true, language = "vi" }, Json.Options);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var facility = await created.ReadAsync<FacilityDto>();

        var experts = await AdmitAsync(langSon, facility.Id, "Đoàn chuyên gia dự án điện gió", 5, "Expert");
        var facilityPage = $"/quarantine/facilities/{facility.Id}";
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(langSon, facilityPage, facilityPage, $"test-{experts.Id}", [new("Test.Result", "Negative")])).StatusCode);
        var tested = await (await langSon.GetAsync($"{QuarantineApi.Path}/stays?facilityId={facility.Id}")).ReadAsync<List<StayDto>>();
        Assert.Equal(Borderlink.Features.Screening.TestOutcome.Negative, tested.Single(s => s.Id == experts.Id).Tests.Single().Result);
        await AdmitAsync(langSon, facility.Id, "Nhóm lao động kỹ thuật", 4, "SkilledWorker");
        var nine = await (await langSon.GetAsync($"{QuarantineApi.Path}/facilities/{facility.Id}")).ReadAsync<FacilityDto>();
        Assert.Equal((9, true), (nine.Occupancy, nine.NearCapacity));
        Assert.Equal(1, await AlertsAsync(facility.Id));
        await AdmitAsync(langSon, facility.Id, "Trương Minh", 1, "Expert");
        Assert.Equal(1, await AlertsAsync(facility.Id));

        var byPurpose = await (await langSon.GetAsync($"{QuarantineApi.Path}/by-purpose")).ReadAsync<List<QuarantineCounts.PurposeCount>>();
        Assert.True(byPurpose.Single(p => p.Purpose == Borderlink.Features.Screening.CrossingPurpose.Expert).Now >= 6);
        Assert.True(byPurpose.Single(p => p.Purpose == Borderlink.Features.Screening.CrossingPurpose.SkilledWorker).Now >= 4);

        // Guangxi sees the facility only once shared, and then its occupancy, not who is in it.
        var guangxi = await app.SignInAsync("guangxi.officer");
        Assert.Equal(HttpStatusCode.NotFound, (await guangxi.GetAsync($"{QuarantineApi.Path}/facilities/{facility.Id}")).StatusCode);
        var share = new HttpRequestMessage(HttpMethod.Put, $"{QuarantineApi.Path}/facilities/{facility.Id}/visibility")
        {
            Content = JsonContent.Create(new { visibility = "Partners", audience = new[] { "CN-GX" } }, options: Json.Options),
        };
        share.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{(await (await langSon.GetAsync($"{QuarantineApi.Path}/facilities/{facility.Id}")).ReadAsync<FacilityDto>()).Version}\""));
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignInAsync("langson.liaison")).SendAsync(share)).StatusCode);
        Assert.Equal(10, (await (await guangxi.GetAsync($"{QuarantineApi.Path}/facilities/{facility.Id}")).ReadAsync<FacilityDto>()).Occupancy);
        Assert.DoesNotContain((await (await guangxi.GetAsync($"{QuarantineApi.Path}/stays")).ReadAsync<List<StayDto>>()), s => s.FacilityId == facility.Id);
        Assert.DoesNotContain("Trương Minh", await guangxi.GetStringAsync($"/quarantine/facilities/{facility.Id}"), StringComparison.Ordinal);

        // Releasing the experts brings it under the alert level; filling it again alerts again.
        var released = await langSon.PostAsJsonAsync($"{QuarantineApi.Path}/stays/{experts.Id}/end", new { endedOn = "2026-11-22", outcome = "Released" }, Json.Options);
        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
        Assert.Equal(5, (await (await langSon.GetAsync($"{QuarantineApi.Path}/facilities/{facility.Id}")).ReadAsync<FacilityDto>()).Occupancy);
        await AdmitAsync(langSon, facility.Id, "Đoàn chuyên gia thứ hai", 4, "Expert");
        Assert.Equal(2, await AlertsAsync(facility.Id));
        var again = await langSon.PostAsJsonAsync($"{QuarantineApi.Path}/stays/{experts.Id}/end", new { endedOn = "2026-11-22", outcome = "Released" }, Json.Options);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("data-testid=\"near-capacity\"", await langSon.GetStringAsync("/quarantine"), StringComparison.Ordinal);
    }
}
