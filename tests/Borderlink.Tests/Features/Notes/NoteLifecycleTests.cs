using System.Net;
using Microsoft.EntityFrameworkCore;
using Borderlink.Features.Notes;
using Borderlink.Tests.Infrastructure;

namespace Borderlink.Tests.Features.Notes;

public sealed class NoteLifecycleTests(SharedApp app)
{
    [Fact]
    public async Task Officer_writes_reads_and_edits_a_note_with_versions()
    {
        var officer = await app.SignInAsync("langson.officer");
        var created = await officer.CreateNoteAsync("Sốt xuất huyết tại Đồng Đăng");
        Assert.Equal("VN-09", created.OwnerParty);
        Assert.Equal(1, created.Version);
        Assert.Equal("Internal", created.Visibility.ToString());

        var read = await officer.GetAsync($"{NoteApiClient.Path}/{created.Id}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);
        Assert.Equal("2026-11-22T16:30:00Z", (await read.ReadJsonAsync()).GetProperty("createdAt").GetString());

        var edited = await officer.PutAsync($"{NoteApiClient.Path}/{created.Id}", new { title = "Cập nhật", body = "Đã khoanh vùng", language = "vi" }, ifMatch: 1);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var note = await edited.ReadAsync<NoteDto>();
        Assert.Equal(2, note.Version);
        Assert.Equal("Cập nhật", note.Title);
        Assert.Equal("langson.officer", note.UpdatedBy);
    }

    [Fact]
    public async Task A_stale_edit_is_refused_with_412_and_changes_nothing()
    {
        var officer = await app.SignInAsync("langson.officer");
        var created = await officer.CreateNoteAsync("Họp giao ban cửa khẩu");
        Assert.Equal(HttpStatusCode.OK, (await officer.PutAsync($"{NoteApiClient.Path}/{created.Id}", new { title = "A", body = "first", language = "vi" }, 1)).StatusCode);

        var stale = await officer.PutAsync($"{NoteApiClient.Path}/{created.Id}", new { title = "B", body = "second", language = "vi" }, 1);

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var problem = await stale.ReadJsonAsync();
        Assert.Equal("urn:borderlink:problem:stale-version", problem.GetProperty("type").GetString());
        Assert.Equal(2, problem.GetProperty("currentVersion").GetInt64());
        var current = await (await officer.GetAsync($"{NoteApiClient.Path}/{created.Id}")).ReadAsync<NoteDto>();
        Assert.Equal("A", current.Title);
    }

    [Fact]
    public async Task An_edit_without_If_Match_is_refused_with_428()
    {
        var officer = await app.SignInAsync("langson.officer");
        var created = await officer.CreateNoteAsync("Không có If-Match");
        var response = await officer.PutAsync($"{NoteApiClient.Path}/{created.Id}", new { title = "x", body = "y", language = "vi" }, ifMatch: null);
        Assert.Equal(HttpStatusCode.PreconditionRequired, response.StatusCode);
    }

    [Fact]
    public async Task A_retried_create_with_the_same_Idempotency_Key_makes_one_note()
    {
        var officer = await app.SignInAsync("caobang.officer");
        var key = Guid.NewGuid().ToString();
        var body = new { title = "Retried over a slow link", body = "once", language = "en" };

        var first = await officer.CreateAsync(body, key);
        var second = await officer.CreateAsync(body, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal((await first.ReadAsync<NoteDto>()).Id, (await second.ReadAsync<NoteDto>()).Id);
        var count = await app.WithSystemDbAsync(db => Task.FromResult(db.LiaisonNotes.Count(n => n.Title == "Retried over a slow link")));
        Assert.Equal(1, count);
    }

    [Fact]
    public async Task An_Idempotency_Key_sent_again_with_another_request_is_refused_and_belongs_to_its_sender()
    {
        var officer = await app.SignInAsync("caobang.officer", "fr");
        var key = Guid.NewGuid().ToString();
        var title = "Clé réutilisée " + key[..8];
        Assert.Equal(HttpStatusCode.Created, (await officer.CreateAsync(new { title, body = "première", language = "fr" }, key)).StatusCode);

        // The same key with another body: 422, nothing new stored, the first note unchanged.
        var reused = await officer.CreateAsync(new { title, body = "autre chose", language = "fr" }, key);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Equal("urn:borderlink:problem:idempotency-key-reused", (await reused.ReadJsonAsync()).GetProperty("type").GetString());
        Assert.Equal(["première"], await app.WithSystemDbAsync(db => db.LiaisonNotes.Where(n => n.Title == title).Select(n => n.Body).ToListAsync()));

        // Another user's key of the same value is a fresh key: their own note, nothing about the first.
        var colleague = await app.SignInAsync("langson.officer");
        var theirs = await colleague.CreateAsync(new { title, body = "la leur", language = "fr" }, key);
        Assert.Equal(HttpStatusCode.Created, theirs.StatusCode);
        Assert.Equal("VN-09", (await theirs.ReadAsync<NoteDto>()).OwnerParty);
    }

    [Fact]
    public async Task A_client_generated_id_finds_the_callers_note_again_and_names_nothing_of_another_party()
    {
        var officer = await app.SignInAsync("caobang.officer");
        var id = Guid.CreateVersion7();
        var body = new { id, title = "Client id", body = "x", language = "fr" };
        var created = await officer.CreateAsync(body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var note = await created.ReadAsync<NoteDto>();
        var retry = await officer.CreateAsync(body);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(note.Id, (await retry.ReadAsync<NoteDto>()).Id);
        // The id is derived from the caller's party and its value: the same for every retry, the caller's alone.
        Assert.Equal(Borderlink.Sharing.NameBasedId.Of(LiaisonNote.TypeName, "VN-04", id), note.Id);

        // Another party choosing the same value, or choosing Cao Bang's note id, gets a fresh note of its own, answered
        // exactly as for a value nobody chose; Cao Bang's note is untouched.
        var langSon = await app.SignInAsync("langson.officer");
        foreach (var chosen in new[] { id, note.Id, Guid.CreateVersion7() })
        {
            var theirs = await langSon.CreateAsync(new { id = chosen, title = "Client id of Lang Son", body = "y", language = "vi" });
            Assert.Equal(HttpStatusCode.Created, theirs.StatusCode);
            var own = await theirs.ReadAsync<NoteDto>();
            Assert.Equal(("VN-09", Borderlink.Sharing.NameBasedId.Of(LiaisonNote.TypeName, "VN-09", chosen)), (own.OwnerParty, own.Id));
        }
        var still = await app.WithSystemDbAsync(db => db.LiaisonNotes.AsNoTracking().SingleAsync(n => n.Id == note.Id));
        Assert.Equal(("VN-04", "x", note.Version), (still.OwnerParty, still.Body, still.Version));
    }

    [Fact]
    public async Task Invalid_input_gets_field_errors_in_the_callers_language()
    {
        var officer = await app.SignInAsync("langson.officer", language: "fr");
        var response = await officer.CreateAsync(new { title = "", body = new string('x', LiaisonNote.BodyMax + 1), language = "de" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.Equal("urn:borderlink:problem:validation", problem.GetProperty("type").GetString());
        Assert.Equal("Certains champs doivent être corrigés.", problem.GetProperty("title").GetString());
        var errors = problem.GetProperty("errors");
        Assert.Equal("Ce champ est obligatoire.", errors.GetProperty("title")[0].GetString());
        Assert.Contains("20000", errors.GetProperty("body")[0].GetString(), StringComparison.Ordinal);
        Assert.True(errors.TryGetProperty("language", out _));
    }

    [Fact]
    public async Task A_viewer_cannot_write_and_the_refusal_is_audited()
    {
        var viewer = await app.SignInAsync("langson.viewer");
        var response = await viewer.CreateAsync(new { title = "not allowed", body = "x", language = "vi" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var audited = await app.WithSystemDbAsync(db => Task.FromResult(
            db.AuditEntries.Any(e => e.Actor == "langson.viewer" && e.Action == "refused" && e.Detail == Borderlink.Features.Audit.AuditDetail.RequestRefused("POST", "/api/v1/liaison-notes").Stored())));
        Assert.True(audited);
    }

    [Fact]
    public async Task Lists_page_on_the_server_and_return_the_total()
    {
        var officer = await app.SignInAsync("quangninh.officer");
        for (var i = 0; i < 3; i++) await officer.CreateNoteAsync($"Móng Cái paging {i}");

        var page = await (await officer.GetAsync($"{NoteApiClient.Path}?q=M%C3%B3ng%20C%C3%A1i%20paging&pageSize=2&page=2")).ReadJsonAsync();

        Assert.Equal(3, page.GetProperty("total").GetInt32());
        Assert.Equal(1, page.GetProperty("items").GetArrayLength());
        Assert.Equal(2, page.GetProperty("page").GetInt32());
    }
}

public sealed class NoteTranslationTests(SharedApp app)
{
    [Fact]
    public async Task The_owner_adds_a_translation_beside_the_original_and_answers_the_request()
    {
        var liaison = await app.SignInAsync("langson.liaison");
        var created = await liaison.CreateAsync(new { title = "Đề nghị phối hợp", body = "Tăng cường kiểm dịch tại cửa khẩu Hữu Nghị.", language = "vi",
            translationRequested = "zh-Hans", visibility = "Partners", audience = new[] { "CN-GX" } });
        var note = await created.ReadAsync<NoteDto>();
        Assert.Equal("zh-Hans", note.TranslationRequested);

        var translated = await liaison.PutAsync($"{NoteApiClient.Path}/{note.Id}/translations/zh-Hans",
            new { title = "协调请求", body = "加强友谊关口岸的检疫工作。" }, note.Version);

        Assert.Equal(HttpStatusCode.OK, translated.StatusCode);
        var after = await translated.ReadAsync<NoteDto>();
        Assert.Equal("vi", after.Language);
        Assert.Equal("Tăng cường kiểm dịch tại cửa khẩu Hữu Nghị.", after.Body);
        Assert.Null(after.TranslationRequested);
        var translation = Assert.Single(after.Translations);
        Assert.Equal(("zh-Hans", "协调请求"), (translation.Language, translation.Title));
        var seenInGuangxi = await (await app.SignInAsync("guangxi.viewer")).GetStringAsync($"/notes/{note.Id}");
        Assert.Contains("加强友谊关口岸的检疫工作。", seenInGuangxi, StringComparison.Ordinal);
        Assert.Contains("Tăng cường kiểm dịch", seenInGuangxi, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_note_page_forms_work_without_JavaScript()
    {
        var liaison = await app.SignInAsync("langson.liaison");
        var note = await liaison.CreateNoteAsync("Biểu mẫu trang ghi chú " + Guid.NewGuid().ToString("N")[..6]);
        var page = $"/notes/{note.Id}";

        var translated = await Forms.PostAsync(liaison, page, page, "translate", [new("Translation.Language", "zh-Hans"),
            new("Translation.Title", "笔记页面表单"), new("Translation.Body", "无需脚本"), new("Translation.Version", "1")]);
        Assert.Equal(HttpStatusCode.Redirect, translated.StatusCode);
        var mid = await (await liaison.GetAsync($"{NoteApiClient.Path}/{note.Id}")).ReadAsync<NoteDto>();
        Assert.Equal(2, mid.Version);
        var shared = await Forms.PostAsync(liaison, page, page, "share", [new("Version", "2"), new("visibility", "Partners"), new("audience", "CN-GX")]);
        Assert.Equal(HttpStatusCode.Redirect, shared.StatusCode);

        var after = await (await liaison.GetAsync($"{NoteApiClient.Path}/{note.Id}")).ReadAsync<NoteDto>();
        Assert.Equal((3L, "笔记页面表单", "CN-GX"), (after.Version, Assert.Single(after.Translations).Title, string.Join(',', after.Audience)));
    }

    [Fact]
    public async Task A_translation_into_the_original_language_or_by_a_partner_is_refused()
    {
        var liaison = await app.SignInAsync("langson.liaison");
        var note = await liaison.CreateNoteAsync("Original in Vietnamese " + Guid.NewGuid(), "Partners", ["CN-GX"]);
        var same = await liaison.PutAsync($"{NoteApiClient.Path}/{note.Id}/translations/vi", new { title = "x", body = "y" }, note.Version);
        Assert.Equal(HttpStatusCode.BadRequest, same.StatusCode);

        var partner = await app.SignInAsync("guangxi.liaison");
        var byPartner = await partner.PutAsync($"{NoteApiClient.Path}/{note.Id}/translations/zh-Hans", new { title = "x", body = "y" }, note.Version);
        Assert.Equal(HttpStatusCode.Forbidden, byPartner.StatusCode);
    }
}
