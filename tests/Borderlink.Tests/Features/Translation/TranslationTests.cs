using System.Net;
using System.Net.Http.Json;
using Borderlink.Features.Measures;
using Borderlink.Features.Translation;
using Borderlink.Tests.Features.Minutes;
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
