using System.Net;
using System.Net.Http.Json;
using Borderlink.Features.Measures;
using Borderlink.Features.Translation;
using Borderlink.Features.Notes;
using Borderlink.Tests.Features.Minutes;
using Borderlink.Tests.Features.Notes;
using Borderlink.Tests.Infrastructure;

namespace Borderlink.Tests.Features.Translation;

/// <summary>The translation workflow: ask, the queue on both sides, the translator's page with glossary hints, outdated translations, the glossary.</summary>
public sealed class TranslationTests(SharedApp app)
{
    [Fact]
    public async Task A_partner_asks_for_Chinese_a_translator_works_the_queue_and_a_change_of_the_original_sends_it_back()
    {
        var langSonLiaison = await app.SignInAsync("langson.liaison", "vi");
        var meeting = await MinutesTests.MeetingAsync(langSonLiaison);
        var langSon = await app.SignInAsync("langson.officer");
        var what = "Tổ chức cách ly tập trung cho người nhập cảnh có triệu chứng " + Guid.NewGuid().ToString("N")[..6];
        var created = await langSon.PostAsJsonAsync(MeasuresApi.Path, new { what, language = "vi", dueOn = "2026-12-31", sourceKind = "Meeting", sourceId = meeting.Id }, Json.Options);
        var measure = await created.ReadAsync<MeasureDto>();

        // A Guangxi officer asks for it in Chinese from the measure's page.
        var guangxi = await app.SignInAsync("guangxi.officer", "zh-Hans");
        var asked = await Forms.PostAsync(guangxi, $"/measures/{measure.Id}", $"/measures/{measure.Id}", "ask-what", [new("Ask.Into", "zh-Hans")]);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("data-testid=\"translation-asked\"", await asked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await guangxi.GetAsync($"{TranslationApi.Path}/queue")).StatusCode);

        // Both sides' translators see it in their queue.
        var guangxiTranslator = await app.SignInAsync("guangxi.liaison", "zh-Hans");
        var theirs = await (await guangxiTranslator.GetAsync($"{TranslationApi.Path}/queue")).ReadAsync<List<TranslateText.QueueItem>>();
        var item = Assert.Single(theirs, i => i.TargetId == measure.Id);
        Assert.Equal(("vi", "zh-Hans", what, "CN-GX"), (item.SourceLanguage, item.IntoLanguage, item.SourceText, item.AskedBy));
        Assert.Contains((await (await langSonLiaison.GetAsync($"{TranslationApi.Path}/queue")).ReadAsync<List<TranslateText.QueueItem>>()), i => i.TargetId == measure.Id);
        var caoBangQueue = await (await (await app.SignInAsync("caobang.liaison")).GetAsync($"{TranslationApi.Path}/queue")).ReadAsync<List<TranslateText.QueueItem>>();
        Assert.DoesNotContain(caoBangQueue, i => i.TargetId == measure.Id);

        // The translator's page shows the standard term for "cách ly tập trung"; the translation goes beside the original.
        var workPath = $"/translations/work?type=agreed-measure&id={measure.Id}&field=what&into=zh-Hans";
        var work = WebUtility.HtmlDecode(await guangxiTranslator.GetStringAsync(workPath));
        Assert.Contains("data-testid=\"hint\">集中隔离</td>", work, StringComparison.Ordinal);
        var saved = await Forms.PostAsync(guangxiTranslator, workPath, workPath, "translate",
            [new("Form.Language", "zh-Hans"), new("Form.Text", "对有症状的入境人员实行集中隔离")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var onPage = WebUtility.HtmlDecode(await langSon.GetStringAsync($"/measures/{measure.Id}"));
        Assert.Contains("data-testid=\"translation-what-zh-Hans\">对有症状的入境人员实行集中隔离</dd>", onPage, StringComparison.Ordinal);
        Assert.DoesNotContain((await (await guangxiTranslator.GetAsync($"{TranslationApi.Path}/queue")).ReadAsync<List<TranslateText.QueueItem>>()), i => i.TargetId == measure.Id);

        // Lang Son changes the measure: the translation is outdated and the request is back in the queue.
        var change = new HttpRequestMessage(HttpMethod.Put, $"{MeasuresApi.Path}/{measure.Id}")
        {
            Content = JsonContent.Create(new { what = what + " trong 14 ngày", language = "vi", dueOn = "2026-12-31", sourceKind = "Meeting", sourceId = meeting.Id }, options: Json.Options),
        };
        change.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{measure.Version}\""));
        Assert.Equal(HttpStatusCode.OK, (await langSon.SendAsync(change)).StatusCode);
        var translations = await (await guangxi.GetAsync($"{TranslationApi.Path}?targetType=agreed-measure&targetId={measure.Id}")).ReadAsync<List<TextTranslationDto>>();
        Assert.True(Assert.Single(translations).Outdated);
        Assert.Contains((await (await guangxiTranslator.GetAsync($"{TranslationApi.Path}/queue")).ReadAsync<List<TranslateText.QueueItem>>()), i => i.TargetId == measure.Id);

        // Whoever cannot see the measure cannot see its translations either.
        Assert.Equal(HttpStatusCode.NotFound,
            (await (await app.SignInAsync("caobang.officer")).GetAsync($"{TranslationApi.Path}?targetType=agreed-measure&targetId={measure.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_note_Lang_Son_flags_for_Chinese_reaches_Guangxis_translators_and_their_translation_shows_beside_it()
    {
        var langSon = await app.SignInAsync("langson.liaison", "vi");
        var title = "Đề nghị phối hợp giám sát chuột tại cửa khẩu " + Guid.NewGuid().ToString("N")[..6];
        var created = await langSon.CreateAsync(new
        {
            title, body = "Đề nghị phía bạn tăng cường giám sát chuột và bọ chét tại khu vực cửa khẩu.", language = "vi", translationRequested = "zh-Hans",
            visibility = "Partners", audience = new[] { "CN-GX" },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var note = await created.ReadAsync<NoteDto>();
        async Task<List<TranslateText.QueueItem>> QueueAsync(HttpClient translator) =>
            await (await translator.GetAsync($"{TranslationApi.Path}/queue")).ReadAsync<List<TranslateText.QueueItem>>();

        // Guangxi writes Chinese: its translators get the note, to translate on their own page; Lang Son's translators (who
        // declare Chinese too) get it to add inside the note; Cao Bang, which does not see the note, gets nothing.
        var guangxi = await app.SignInAsync("guangxi.liaison", "zh-Hans");
        var theirs = Assert.Single(await QueueAsync(guangxi), i => i.TargetId == note.Id);
        Assert.Equal(("body", "zh-Hans", $"/translations/work?type=liaison-note&id={note.Id}&field=body&into=zh-Hans"), (theirs.Field, theirs.IntoLanguage, theirs.WorkHref));
        Assert.Equal($"/notes/{note.Id}", Assert.Single(await QueueAsync(langSon), i => i.TargetId == note.Id).WorkHref);
        Assert.DoesNotContain(await QueueAsync(await app.SignInAsync("caobang.liaison")), i => i.TargetId == note.Id);

        var saved = await Forms.PostAsync(guangxi, theirs.WorkHref, theirs.WorkHref, "translate",
            [new("Form.Language", "zh-Hans"), new("Form.Text", "请贵方加强口岸区域的鼠类和跳蚤监测。")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = WebUtility.HtmlDecode(await langSon.GetStringAsync($"/notes/{note.Id}"));
        Assert.Contains("data-testid=\"translation-body-zh-Hans\">请贵方加强口岸区域的鼠类和跳蚤监测。</dd>", page, StringComparison.Ordinal);
        Assert.Contains("中文 · Khu tự trị dân tộc Choang Quảng Tây", page, StringComparison.Ordinal); // who translated it
        Assert.DoesNotContain(await QueueAsync(guangxi), i => i.TargetId == note.Id);

        // A request into French reaches nobody until a party declares French among its working languages.
        var notePage = $"/notes/{note.Id}";
        Assert.Equal(HttpStatusCode.OK, (await Forms.PostAsync(langSon, notePage, notePage, "ask-title", [new("Ask.Into", "fr")])).StatusCode);
        Assert.DoesNotContain(await QueueAsync(guangxi), i => i.TargetId == note.Id && i.IntoLanguage == "fr");
        var admin = await app.SignInAsync("guangxi.admin", "en");
        var edit = "/admin/reference/parties/CN-GX";
        var before = PartyForm(await admin.GetStringAsync(edit));
        Assert.Contains(before, f => f.Key == "Form.Aliases" && f.Value.Length > 0); // the form is read whole: saving it back changes only the languages
        var form = await Forms.PostAsync(admin, edit, edit, "party", [.. before, new("languages", "zh-Hans"), new("languages", "vi"), new("languages", "fr")]);
        Assert.Equal(HttpStatusCode.Redirect, form.StatusCode);
        try
        {
            Assert.Contains(await QueueAsync(guangxi), i => i.TargetId == note.Id && i.IntoLanguage == "fr");
            Assert.Contains("中文, Tiếng Việt, Français", WebUtility.HtmlDecode(await admin.GetStringAsync("/reference")), StringComparison.Ordinal);
        }
        finally
        {
            await Forms.PostAsync(admin, edit, edit, "party", [.. PartyForm(await admin.GetStringAsync(edit)), new("languages", "zh-Hans"), new("languages", "vi"), new("languages", "en")]);
        }
    }

    /// <summary>The party form's current values (inputs and the aliases' text area), as a browser would send them back.</summary>
    private static List<KeyValuePair<string, string>> PartyForm(string html) =>
    [
        .. System.Text.RegularExpressions.Regex.Matches(html, "<input id=\"[^\"]*\" name=\"(Form\\.[A-Za-z]+)\"(?: [a-z]+=\"[^\"]*\")* value=\"([^\"]*)\"")
            .Concat(System.Text.RegularExpressions.Regex.Matches(html, "<textarea id=\"[^\"]*\" name=\"(Form\\.[A-Za-z]+)\"[^>]*>([^<]*)</textarea>"))
            .Select(m => new KeyValuePair<string, string>(m.Groups[1].Value, WebUtility.HtmlDecode(m.Groups[2].Value))),
    ];

    [Fact]
    public async Task The_glossary_finds_a_term_in_any_language_and_spelling_and_liaisons_keep_it()
    {
        var officer = await app.SignInAsync("langson.officer");
        var byVietnamese = await (await officer.GetAsync("/api/v1/glossary?q=cach%20ly%20tap%20trung")).ReadAsync<List<GlossaryEntry>>();
        Assert.Contains(byVietnamese, e => e is { Code: "centralized-quarantine", Zh: "集中隔离", Fr: "quarantaine centralisée" });
        var byChinese = await (await officer.GetAsync("/api/v1/glossary?q=鼠疫")).ReadAsync<List<GlossaryEntry>>();
        Assert.Contains(byChinese, e => e is { Category: "disease", Code: "plague", Vi: "Dịch hạch" });
        Assert.Contains(await (await officer.GetAsync("/api/v1/glossary?q=Huu%20Nghi&category=gate")).ReadAsync<List<GlossaryEntry>>(), e => e.Code == "HUUNGHI-YOUYIGUAN");

        var term = new { category = "measure", en = "border-gate disinfection point", vi = "điểm khử khuẩn cửa khẩu", zh = "口岸消毒点", fr = "point de désinfection du poste frontière" };
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PutAsJsonAsync("/api/v1/glossary/gate-disinfection-point", term, Json.Options)).StatusCode);
        var liaison = await app.SignInAsync("guangxi.liaison");
        Assert.Equal(HttpStatusCode.Created, (await liaison.PutAsJsonAsync("/api/v1/glossary/gate-disinfection-point", term, Json.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await liaison.PutAsJsonAsync("/api/v1/glossary/gate-disinfection-point", term with { en = "border gate disinfection point" }, Json.Options)).StatusCode);
        var missing = await liaison.PutAsJsonAsync("/api/v1/glossary/gate-disinfection-point", term with { fr = "" }, Json.Options);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var page = WebUtility.HtmlDecode(await officer.GetStringAsync("/glossary?q=khu%20khuan%20cua%20khau"));
        Assert.Contains("口岸消毒点", page, StringComparison.Ordinal);
    }
}
