using System.Net;
using System.Net.Http.Json;
using Borderlink.Features.Notes;
using Borderlink.Tests.Infrastructure;

namespace Borderlink.Tests.Features.Notes;

/// <summary>DESIGN.md §3: a record is seen by its owner, by the partners it is shared with, and — when Restricted — only by the listed agency functions.</summary>
public sealed class VisibilityTests(SharedApp app)
{
    [Fact]
    public async Task An_internal_note_of_another_party_cannot_be_listed_read_edited_shared_or_guessed()
    {
        var langSon = await app.SignInAsync("langson.liaison");
        var note = await langSon.CreateNoteAsync("Nội bộ Lạng Sơn " + Guid.NewGuid());
        var guangxi = await app.SignInAsync("guangxi.liaison");

        var list = await (await guangxi.GetAsync($"{NoteApiClient.Path}?q={Uri.EscapeDataString(note.Title)}")).ReadJsonAsync();
        var read = await guangxi.GetAsync($"{NoteApiClient.Path}/{note.Id}");
        var edit = await guangxi.PutAsync($"{NoteApiClient.Path}/{note.Id}", new { title = "x", body = "y", language = "zh-Hans" }, 1);
        var share = await guangxi.ShareAsync(note.Id, 1, "Partners", ["CN-GX"]);
        var page = await guangxi.GetAsync($"/notes/{note.Id}");

        Assert.Equal(0, list.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, share.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.DoesNotContain(note.Title, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var refusals = await app.WithSystemDbAsync(db => Task.FromResult(
            db.AuditEntries.Count(e => e.RecordId == note.Id && e.Actor == "guangxi.liaison" && e.Action == "refused" && e.Outcome == "not-found")));
        Assert.Equal(4, refusals);
        var unchanged = await app.WithSystemDbAsync(db => Task.FromResult(db.LiaisonNotes.Single(n => n.Id == note.Id)));
        Assert.Equal(1, unchanged.Version);
    }

    [Fact]
    public async Task Parties_ticked_while_the_note_stays_internal_are_refused_with_the_reason_not_dropped()
    {
        var langSon = await app.SignInAsync("langson.liaison", "fr");
        var title = "Note interne ? " + Guid.NewGuid();

        // Through the API: internal with an audience is refused, naming the field.
        var api = await langSon.CreateAsync(new { title, body = "Texte", language = "fr", visibility = "Internal", audience = new[] { "CN-GX" } });
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.StartsWith("Vous avez choisi des parties partenaires, mais la fiche reste interne",
            (await api.ReadJsonAsync()).GetProperty("errors").GetProperty("audience")[0].GetString(), StringComparison.Ordinal);

        // Through the form: the same choice comes back with the message and Guangxi still ticked, nothing saved.
        var form = await Forms.PostAsync(langSon, "/notes/new", "/notes/new", "note",
            [new("Form.Title", title), new("Form.Body", "Texte"), new("Form.Language", "fr"), new("visibility", "Internal"), new("audience", "CN-GX")]);
        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
        var page = WebUtility.HtmlDecode(await form.Content.ReadAsStringAsync());
        Assert.Contains("Vous avez choisi des parties partenaires, mais la fiche reste interne", page, StringComparison.Ordinal);
        Assert.Matches("value=\"CN-GX\" checked[^>]*data-testid=\"audience-CN-GX\"", page);
        Assert.Equal(0, await app.WithSystemDbAsync(db => Task.FromResult(db.LiaisonNotes.Count(n => n.Title == title))));

        // Positive control: the same note shared with Guangxi is saved and shared.
        var shared = await langSon.CreateAsync(new { title, body = "Texte", language = "fr", visibility = "Partners", audience = new[] { "CN-GX" } });
        Assert.Equal(HttpStatusCode.Created, shared.StatusCode);
        Assert.Equal(1, await app.WithSystemDbAsync(db => Task.FromResult(db.LiaisonNotes.Count(n => n.Title == title && n.AudienceParties == "|CN-GX|"))));
    }

    [Fact]
    public async Task A_note_shared_with_partners_is_seen_by_the_listed_parties_only()
    {
        var langSon = await app.SignInAsync("langson.liaison");
        var note = await langSon.CreateNoteAsync("Thông báo dịch tả " + Guid.NewGuid());
        var shared = await langSon.ShareAsync(note.Id, note.Version, "Partners", ["CN-GX"]);
        Assert.Equal(HttpStatusCode.OK, shared.StatusCode);
        Assert.Equal(["CN-GX"], (await shared.ReadAsync<NoteDto>()).Audience);

        var guangxi = await app.SignInAsync("guangxi.viewer");
        var caoBang = await app.SignInAsync("caobang.officer");
        Assert.Equal(HttpStatusCode.OK, (await guangxi.GetAsync($"{NoteApiClient.Path}/{note.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await caoBang.GetAsync($"{NoteApiClient.Path}/{note.Id}")).StatusCode);
        var guangxiPage = await (await guangxi.GetAsync($"/notes/{note.Id}")).Content.ReadAsStringAsync();
        Assert.Contains(note.Title, guangxiPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_partner_may_read_but_not_edit_or_share_a_shared_note()
    {
        var langSon = await app.SignInAsync("langson.liaison");
        var note = await langSon.CreateNoteAsync("Single writer " + Guid.NewGuid(), "Partners", ["CN-GX"]);
        var guangxi = await app.SignInAsync("guangxi.liaison");

        var edit = await guangxi.PutAsync($"{NoteApiClient.Path}/{note.Id}", new { title = "changed by partner", body = "y", language = "zh-Hans" }, note.Version);
        var share = await guangxi.ShareAsync(note.Id, note.Version, "Partners", ["CN-GX", "VN-04"]);

        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, share.StatusCode);
        var stored = await app.WithSystemDbAsync(db => Task.FromResult(db.LiaisonNotes.Single(n => n.Id == note.Id)));
        Assert.Equal(note.Title, stored.Title);
        Assert.Equal("|CN-GX|", stored.AudienceParties);
    }

    [Fact]
    public async Task Unsharing_takes_the_note_away_from_the_partner()
    {
        var langSon = await app.SignInAsync("langson.liaison");
        var note = await langSon.CreateNoteAsync("Withdrawn " + Guid.NewGuid(), "Partners", ["CN-GX"]);
        var guangxi = await app.SignInAsync("guangxi.officer");
        Assert.Equal(HttpStatusCode.OK, (await guangxi.GetAsync($"{NoteApiClient.Path}/{note.Id}")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await langSon.ShareAsync(note.Id, note.Version, "Internal")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await guangxi.GetAsync($"{NoteApiClient.Path}/{note.Id}")).StatusCode);
        var shares = await app.WithSystemDbAsync(db => Task.FromResult(db.AuditEntries.Count(e => e.RecordId == note.Id && e.Action == "share")));
        Assert.Equal(1, shares);
    }

    [Fact]
    public async Task A_restricted_note_is_seen_only_by_the_listed_functions_and_each_read_is_audited()
    {
        var langSon = await app.SignInAsync("langson.liaison");
        var note = await langSon.CreateNoteAsync("Vượt biên trái phép " + Guid.NewGuid(), "Restricted", ["CN-GX"], ["public-security", "border-defence"]);

        var guangxiPolice = await app.SignInAsync("guangxi.police");
        var guangxiHealth = await app.SignInAsync("guangxi.officer");
        var langSonHealth = await app.SignInAsync("langson.officer");
        var langSonPolice = await app.SignInAsync("langson.police");

        Assert.Equal(HttpStatusCode.OK, (await guangxiPolice.GetAsync($"{NoteApiClient.Path}/{note.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await langSonPolice.GetAsync($"{NoteApiClient.Path}/{note.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await langSon.GetAsync($"{NoteApiClient.Path}/{note.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await guangxiHealth.GetAsync($"{NoteApiClient.Path}/{note.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await langSonHealth.GetAsync($"{NoteApiClient.Path}/{note.Id}")).StatusCode);

        var reads = await app.WithSystemDbAsync(db => Task.FromResult(
            db.AuditEntries.Where(e => e.RecordId == note.Id && e.Action == "read-restricted").Select(e => e.Actor).ToList()));
        Assert.Contains("guangxi.police", reads);
        Assert.Contains("langson.police", reads);
    }

    [Fact]
    public async Task Sharing_is_for_liaisons_and_checks_the_parties()
    {
        var officer = await app.SignInAsync("langson.officer");
        var note = await officer.CreateNoteAsync("Officer's draft " + Guid.NewGuid());
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.ShareAsync(note.Id, 1, "Partners", ["CN-GX"])).StatusCode);

        var liaison = await app.SignInAsync("langson.liaison");
        var formerParty = await liaison.ShareAsync(note.Id, 1, "Partners", ["VN-03"]);
        var nobody = await liaison.ShareAsync(note.Id, 1, "Partners", []);
        Assert.Equal(HttpStatusCode.BadRequest, formerParty.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, nobody.StatusCode);
        Assert.True((await formerParty.ReadJsonAsync()).GetProperty("errors").TryGetProperty("audience", out _));
    }
}
