using System.Net;
using System.Net.Http.Json;
using Borderlink.Features.Notifications;
using Borderlink.Tests.Infrastructure;

namespace Borderlink.Tests.Features.Notifications;

/// <summary>
/// A place the gazetteer does not know is never a dead end: the author is shown the nearest names and may keep the name
/// as written, marked "not in the gazetteer", instead of losing the notification; a near miss is not silently taken for
/// a place it only resembles.
/// </summary>
public sealed class NotificationPlaceTests(SharedApp app)
{
    [Fact]
    public async Task A_name_not_in_the_gazetteer_gets_the_nearest_names_and_can_be_kept_as_written()
    {
        var officer = await app.SignInAsync("langson.officer", "vi");
        var title = "Sốt xuất huyết tại bản " + Guid.NewGuid().ToString("N")[..8];
        object Body(bool keep) => new
        {
            title, disease = "dengue", places = new[] { "Lộc Bình", "Locc Binhh" }, language = "vi", confirmed = 2, risk = "Moderate", keepUnknownPlaces = keep,
        };

        // Asked, not guessed: the misspelt name comes back with the nearest names, and nothing is saved.
        var refused = await officer.PostAsJsonAsync(NotificationApiClient.Path, Body(keep: false), Json.Options);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var message = (await refused.ReadJsonAsync()).GetProperty("errors").GetProperty("places")[0].GetString()!;
        Assert.StartsWith("“Locc Binhh” chưa có trong danh mục địa danh. Gần nhất: Xã Lộc Bình", message, StringComparison.Ordinal);
        Assert.False(await app.WithSystemDbAsync(db => Task.FromResult(db.EventNotifications.Any(n => n.Title == title))));

        // Kept as written: the known place is resolved, the other stays as its author wrote it.
        var kept = await officer.PostAsJsonAsync(NotificationApiClient.Path, Body(keep: true), Json.Options);
        Assert.Equal(HttpStatusCode.Created, kept.StatusCode);
        var draft = await kept.ReadAsync<NotificationDto>();
        Assert.Equal(["VN-09-06529"], draft.Places);
        Assert.Equal(["Locc Binhh"], draft.PlacesAsWritten);
        var page = WebUtility.HtmlDecode(await officer.GetStringAsync($"/notifications/{draft.Id}"));
        Assert.Contains("Xã Lộc Bình, Locc Binhh (chưa có trong danh mục địa danh)", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_form_offers_to_keep_the_name_and_keeps_it()
    {
        var liaison = await app.SignInAsync("langson.liaison", "en");
        var title = "Cholera at a hamlet " + Guid.NewGuid().ToString("N")[..8];
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Form.Title", title), new("Form.Disease", "cholera"), new("Form.Places", "Na Dương; Bản Khuổi Phầy"), new("Form.Language", "vi"),
            new("Form.Suspected", "3"), new("Form.Risk", "Moderate"), new("Form.Version", "0"),
        };
        var refused = await Forms.PostAsync(liaison, "/notifications/new", "/notifications/new", "notification", fields);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var form = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("“Bản Khuổi Phầy” is not in the gazetteer", form, StringComparison.Ordinal);
        Assert.Contains("Keep names the gazetteer does not know, as written", form, StringComparison.Ordinal);

        var drafted = await Forms.PostAsync(liaison, "/notifications/new", "/notifications/new", "notification", fields.Append(new("Form.KeepUnknownPlaces", "true")));
        Assert.Equal(HttpStatusCode.Redirect, drafted.StatusCode);
        var id = Guid.Parse(drafted.Headers.Location!.AbsolutePath.Split('/')[^1]);
        var n = await liaison.GetNotificationAsync(id);
        Assert.Equal(["VN-09-06526"], n.Places);
        Assert.Equal(["Bản Khuổi Phầy"], n.PlacesAsWritten);
        // Opened again for editing, the name is there as written and the choice is kept.
        var edit = WebUtility.HtmlDecode(await liaison.GetStringAsync($"/notifications/{id}/edit"));
        Assert.Contains("value=\"Na Duong Commune; Bản Khuổi Phầy\"", edit, StringComparison.Ordinal);
        Assert.Matches("name=\"Form.KeepUnknownPlaces\" value=\"true\" checked", edit);
    }
}
