using System.Net;
using System.Net.Http.Json;
using Borderlink.Features.Directory;
using Borderlink.Tests.Infrastructure;

namespace Borderlink.Tests.Features.Directory;

/// <summary>Each party publishes its hotlines and liaison officers to its partners; who answers when comes from the roster.</summary>
public sealed class DirectoryTests(SharedApp app)
{
    [Fact]
    public async Task Guangxi_finds_Lang_Sons_hotline_by_any_spelling_and_sees_who_is_on_duty()
    {
        var langSon = await app.SignInAsync("langson.officer");
        var me = await (await langSon.GetAsync("/api/v1/me")).ReadJsonAsync();
        var agency = me.GetProperty("agency").GetGuid();
        var phone = "+84 205 " + Random.Shared.Next(1_000_000, 9_999_999);
        var published = await langSon.PostAsJsonAsync(DirectoryApi.Path, new
        {
            kind = "Hotline", agencyId = agency, name = "Đường dây nóng phòng chống dịch Lạng Sơn", phone, hours = "24/7", languages = new[] { "vi", "zh-Hans" },
        }, Json.Options);
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        var hotline = await published.ReadAsync<ContactDto>();
        Assert.Equal(["CN-GX"], hotline.Audience);

        var shift = await langSon.PostAsJsonAsync($"{DirectoryApi.Path}/{hotline.Id}/roster", new
        {
            officerName = "Hoàng Thị Mai", phone = "+84 912 000 111", startsAt = BorderlinkApp.Start.AddHours(-1), endsAt = BorderlinkApp.Start.AddHours(7),
        }, Json.Options);
        Assert.Equal(HttpStatusCode.Created, shift.StatusCode);

        var guangxi = await app.SignInAsync("guangxi.officer");
        async Task<bool> FindsAsync(string query) =>
            (await (await guangxi.GetAsync($"{DirectoryApi.Path}?{query}")).ReadAsync<List<ContactDto>>()).Any(c => c.Id == hotline.Id);
        Assert.True(await FindsAsync("q=duong%20day%20nong%20phong%20chong%20dich%20lang%20son"));
        Assert.True(await FindsAsync("q=" + Uri.EscapeDataString(phone)));
        Assert.True(await FindsAsync("language=zh-Hans&party=VN-09"));
        Assert.False(await FindsAsync("language=fr&party=VN-09"));
        var onDuty = await (await guangxi.GetAsync($"{DirectoryApi.Path}/on-duty")).ReadAsync<List<ShiftDto>>();
        Assert.Contains(onDuty, s => s.HotlineId == hotline.Id && s.OfficerName == "Hoàng Thị Mai");
        var page = await guangxi.GetStringAsync("/directory?party=VN-09");
        Assert.Contains("Hoàng Thị Mai", page, StringComparison.Ordinal);

        var yunnan = await app.SignInAsync("yunnan.officer");
        Assert.DoesNotContain((await (await yunnan.GetAsync(DirectoryApi.Path)).ReadAsync<List<ContactDto>>()), c => c.Id == hotline.Id);
        var partnerShift = await guangxi.PostAsJsonAsync($"{DirectoryApi.Path}/{hotline.Id}/roster",
            new { officerName = "x", startsAt = BorderlinkApp.Start, endsAt = BorderlinkApp.Start.AddHours(1) }, Json.Options);
        Assert.Equal(HttpStatusCode.Forbidden, partnerShift.StatusCode);
    }
}
