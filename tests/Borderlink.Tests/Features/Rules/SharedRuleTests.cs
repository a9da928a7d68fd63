using System.Net;
using System.Net.Http.Json;
using Borderlink.Features.Reference;
using Borderlink.Features.Rules;
using Borderlink.Features.Situation;
using Borderlink.Tests.Features.Notifications;
using Borderlink.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Tests.Features.Rules;

/// <summary>
/// Issue 18 item 1: what both sides compute — an acknowledgement deadline, when a report is due — changes only by a
/// rule one party proposes and the other accepts. Rabies and anthrax, daily reports and the Cao Bang–Guangxi pair are
/// used by no other test of the shared app, and every rule made here ends before the test does.
/// </summary>
public sealed class SharedRuleTests(SharedApp app)
{
    private const string Rules = "/api/v1/rules";

    private static object Proposal(object? kind = null, string subject = "rabies", int value = 48, string[]? parties = null, string reason = "Hai bên thống nhất 48 giờ để xác minh ca bệnh.") =>
        new { kind = kind ?? "AcknowledgementHours", subject, value, parties = parties ?? ["CN-GX"], reason, language = "vi" };

    private static async Task<RuleDto> RuleAsync(HttpClient client, Guid id)
    {
        var response = await client.GetAsync($"{Rules}/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadAsync<RuleDto>();
    }

    private static async Task<HashSet<string>> InvalidFieldsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
    }

    [Fact]
    public async Task Only_a_rule_the_other_side_accepted_moves_the_acknowledgement_clock_and_only_between_its_parties()
    {
        var langSon = await app.SignInAsync("langson.liaison", "vi");
        var guangxi = await app.SignInAsync("guangxi.liaison", "zh-Hans");
        var law = (await (await langSon.GetAsync("/api/v1/diseases")).ReadAsync<List<DiseaseDto>>()).Single(d => d.Code == "rabies").AcknowledgementHours;
        Assert.NotEqual(48, law);

        // An administrator of one side can no longer set the deadline every side computes with.
        var admin = await app.SignInAsync("langson.admin");
        var rabies = (await (await admin.GetAsync("/api/v1/diseases")).ReadAsync<List<DiseaseDto>>()).Single(d => d.Code == "rabies");
        var put = await admin.PutAsJsonAsync("/api/v1/diseases/rabies", new
        {
            names = new { nameEn = rabies.NameEn, nameVi = rabies.NameVi, nameZh = rabies.NameZh, nameFr = rabies.NameFr, aliases = rabies.Aliases },
            icd10 = rabies.Icd10, cnClass = rabies.CnClass, vnGroup = rabies.VnGroup, cnReportHours = rabies.CnReportHours, vnReportHours = rabies.VnReportHours,
            ackHoursOverride = 72, notifiable = true,
        }, Json.Options);
        Assert.True((int)put.StatusCode < 500, $"{put.StatusCode}");
        Assert.Equal(law, (await guangxi.NotifyAsync("狂犬病病例", disease: "rabies", addressees: ["VN-09"], language: "zh-Hans")).AcknowledgementHours);

        // A proposal names a known subject, a value in range, partner parties, and says why.
        Assert.Superset(new HashSet<string> { "subject", "value", "parties", "reason" },
            await InvalidFieldsAsync(await langSon.PostAsJsonAsync(Rules, Proposal(subject: "no-such-disease", value: 0, parties: [], reason: ""), Json.Options)));
        Assert.Contains("value", await InvalidFieldsAsync(await langSon.PostAsJsonAsync(Rules, Proposal(value: 24 * 14 + 1), Json.Options)));
        Assert.Contains("parties", await InvalidFieldsAsync(await langSon.PostAsJsonAsync(Rules, Proposal(parties: ["CN-YN"]), Json.Options)));
        Assert.Contains("subject", await InvalidFieldsAsync(await langSon.PostAsJsonAsync(Rules, Proposal(kind: "ReportingDueDays", subject: "month", value: 3), Json.Options)));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("langson.viewer")).PostAsJsonAsync(Rules, Proposal(), Json.Options)).StatusCode);

        var proposed = await langSon.PostAsJsonAsync(Rules, Proposal(), Json.Options);
        Assert.Equal(HttpStatusCode.Created, proposed.StatusCode);
        var rule = await proposed.ReadAsync<RuleDto>();
        Assert.Equal(RuleState.Proposed, rule.State);
        Assert.Equal(["CN-GX"], rule.Awaiting);
        Assert.Equal(["CN-GX", "VN-09"], rule.Parties);
        Assert.Equal($"{Rules}/{rule.Id}", proposed.Headers.Location!.ToString());

        // A proposal changes nothing: the law still sets Lang Son's clock.
        var before = await langSon.NotifyAsync("Bệnh dại tại Lộc Bình", disease: "rabies");
        Assert.Equal((law, (Guid?)null), (before.AcknowledgementHours, before.AcknowledgementRuleId));

        // Nobody else answers for Guangxi: not Cao Bang (it does not even see the rule), not Lang Son, not a viewer.
        var caoBang = await app.SignInAsync("caobang.liaison");
        Assert.Equal(HttpStatusCode.NotFound, (await caoBang.GetAsync($"{Rules}/{rule.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await caoBang.PostAsJsonAsync($"{Rules}/{rule.Id}/answers", new { kind = "Accepted" }, Json.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await langSon.PostAsJsonAsync($"{Rules}/{rule.Id}/answers", new { kind = "Accepted" }, Json.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("guangxi.viewer")).PostAsJsonAsync($"{Rules}/{rule.Id}/answers", new { kind = "Accepted" }, Json.Options)).StatusCode);
        Assert.Equal(RuleState.Proposed, (await RuleAsync(guangxi, rule.Id)).State);
        var refusals = await app.WithSystemDbAsync(db => db.AuditEntries.CountAsync(e => e.RecordId == rule.Id && e.Detail!.Contains("rule-answer.not-allowed")));
        Assert.Equal(1, refusals); // Lang Son's, on the rule; the viewer was refused by the liaison policy before reaching it

        // Declining says why; Guangxi accepts, once.
        Assert.Contains("note", await InvalidFieldsAsync(await guangxi.PostAsJsonAsync($"{Rules}/{rule.Id}/answers", new { kind = "Declined" }, Json.Options)));
        Assert.Equal(HttpStatusCode.Created, (await guangxi.PostAsJsonAsync($"{Rules}/{rule.Id}/answers", new { kind = "Accepted", note = "同意。", language = "zh-Hans" }, Json.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await guangxi.PostAsJsonAsync($"{Rules}/{rule.Id}/answers", new { kind = "Accepted" }, Json.Options)).StatusCode);
        var inForce = await RuleAsync(langSon, rule.Id);
        Assert.Equal((RuleState.InForce, "CN-GX", RuleAnswerKind.Accepted), (inForce.State, Assert.Single(inForce.Answers).Party, inForce.Answers[0].Kind));
        Assert.NotNull(inForce.Since);

        // In force: both directions between its two parties, and only between them.
        var fromLangSon = await langSon.NotifyAsync("Bệnh dại tại Đồng Đăng", disease: "rabies");
        Assert.Equal((48, (Guid?)rule.Id, fromLangSon.SentAt!.Value.AddHours(48)), (fromLangSon.AcknowledgementHours, fromLangSon.AcknowledgementRuleId, fromLangSon.AcknowledgeBy!.Value));
        var fromGuangxi = await guangxi.NotifyAsync("狂犬病病例", disease: "rabies", addressees: ["VN-09"], language: "zh-Hans");
        Assert.Equal((48, (Guid?)rule.Id), (fromGuangxi.AcknowledgementHours, fromGuangxi.AcknowledgementRuleId));
        var toCaoBang = await guangxi.NotifyAsync("狂犬病病例", disease: "rabies", addressees: ["VN-04"], language: "zh-Hans");
        Assert.Equal((law, (Guid?)null), (toCaoBang.AcknowledgementHours, toCaoBang.AcknowledgementRuleId));
        var toBoth = await guangxi.NotifyAsync("狂犬病病例", disease: "rabies", addressees: ["VN-04", "VN-09"], language: "zh-Hans");
        Assert.Equal(Math.Min(law, 48), toBoth.AcknowledgementHours);
        var otherDisease = await langSon.NotifyAsync("Bệnh than tại Lộc Bình", disease: "anthrax");
        Assert.Null(otherDisease.AcknowledgementRuleId);

        // A later rule replaces it for good: ending the later one brings back the law, not the earlier rule.
        var second = await (await guangxi.PostAsJsonAsync(Rules, new { kind = "AcknowledgementHours", subject = "rabies", value = 12, parties = new[] { "VN-09" },
            reason = "缩短为12小时。", language = "zh-Hans" }, Json.Options)).ReadAsync<RuleDto>();
        Assert.Equal(HttpStatusCode.Created, (await langSon.PostAsJsonAsync($"{Rules}/{second.Id}/answers", new { kind = "Accepted" }, Json.Options)).StatusCode);
        Assert.Equal((RuleState.Superseded, RuleState.InForce), ((await RuleAsync(langSon, rule.Id)).State, (await RuleAsync(guangxi, second.Id)).State));
        Assert.Equal(12, (await langSon.NotifyAsync("Bệnh dại tại Đồng Đăng", disease: "rabies")).AcknowledgementHours);
        Assert.Contains("note", await InvalidFieldsAsync(await langSon.PostAsJsonAsync($"{Rules}/{second.Id}/answers", new { kind = "Ended" }, Json.Options)));
        Assert.Equal(HttpStatusCode.Created, (await langSon.PostAsJsonAsync($"{Rules}/{second.Id}/answers",
            new { kind = "Ended", note = "Không đủ nhân lực trực 24/7.", language = "vi" }, Json.Options)).StatusCode);
        Assert.Equal(RuleState.Ended, (await RuleAsync(guangxi, second.Id)).State);
        var afterEnd = await langSon.NotifyAsync("Bệnh dại tại Đồng Đăng", disease: "rabies");
        Assert.Equal((law, (Guid?)null), (afterEnd.AcknowledgementHours, afterEnd.AcknowledgementRuleId));

        // Only its proposer withdraws a rule, naming the version it read.
        Assert.Equal(HttpStatusCode.PreconditionRequired, (await langSon.PostAsync($"{Rules}/{rule.Id}/withdrawal", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await guangxi.PostWithVersionAsync($"{Rules}/{rule.Id}/withdrawal", new { }, rule.Version)).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await langSon.PostWithVersionAsync($"{Rules}/{rule.Id}/withdrawal", new { }, rule.Version + 5)).StatusCode);
        var withdrawn = await langSon.PostWithVersionAsync($"{Rules}/{rule.Id}/withdrawal", new { }, rule.Version);
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal(RuleState.Withdrawn, (await withdrawn.ReadAsync<RuleDto>()).State);
        Assert.Equal(RuleState.Withdrawn, (await RuleAsync(guangxi, rule.Id)).State);
    }

    [Fact]
    public async Task An_agreed_reporting_day_moves_when_the_pairs_reports_are_due_and_the_pages_say_so_in_each_language()
    {
        var caoBang = await app.SignInAsync("caobang.liaison", "vi");
        var guangxi = await app.SignInAsync("guangxi.liaison", "fr");
        async Task<Completeness> CompletenessAsync(HttpClient client) =>
            await (await client.GetAsync("/api/v1/situation/completeness?kind=Day&periods=3")).ReadAsync<Completeness>();
        var before = await CompletenessAsync(caoBang);
        Assert.Equal((ReportingCompleteness.DayDueDays, (Guid?)null), (before.Rhythms.Single(r => r.Party == "CN-GX").DueDays, before.Rhythms.Single(r => r.Party == "CN-GX").RuleId));

        // Proposed through Cao Bang's page, in Vietnamese.
        var page = WebUtility.HtmlDecode(await caoBang.GetStringAsync("/rules"));
        Assert.Contains("Quy tắc chung", page, StringComparison.Ordinal);
        Assert.Contains("Báo cáo tình hình hằng ngày", page, StringComparison.Ordinal);
        var refused = await Forms.PostAsync(caoBang, "/rules", "/rules", "propose",
            [new("propose", "1"), new("subject", "ReportingDueDays:day"), new("value", "40"), new("parties", "CN-GX"), new("reason", "x")]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("data-testid=\"error-value\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var posted = await Forms.PostAsync(caoBang, "/rules", "/rules", "propose",
            [new("propose", "1"), new("subject", "ReportingDueDays:day"), new("value", "4"), new("parties", "CN-GX"), new("reason", "Cuối tuần trạm y tế cửa khẩu không tổng hợp được số liệu.")]);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var id = Guid.Parse(posted.Headers.Location!.ToString().Split('/')[^1]);
        Assert.Equal(ReportingCompleteness.DayDueDays, (await CompletenessAsync(caoBang)).Rhythms.Single(r => r.Party == "CN-GX").DueDays);

        // Guangxi reads it in French and accepts through its page.
        var view = WebUtility.HtmlDecode(await guangxi.GetStringAsync($"/rules/{id}"));
        Assert.Contains("Rapport de situation quotidien dû 4 jours après la fin de la période", view, StringComparison.Ordinal);
        Assert.Contains("en attente de", view, StringComparison.Ordinal);
        Assert.Contains("Cuối tuần trạm y tế", view, StringComparison.Ordinal);
        var accepted = await Forms.PostAsync(guangxi, $"/rules/{id}", $"/rules/{id}", "answer", [new("kind", "Accepted"), new("note", "")]);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Contains("En vigueur", WebUtility.HtmlDecode(await guangxi.GetStringAsync($"/rules/{id}")), StringComparison.Ordinal);
        Assert.Contains("Đang có hiệu lực", WebUtility.HtmlDecode(await caoBang.GetStringAsync("/rules")), StringComparison.Ordinal);

        // Both sides now count the pair's daily reports due four days after the day, and only this pair's.
        var agreed = await CompletenessAsync(caoBang);
        var rhythm = agreed.Rhythms.Single(r => r.Party == "CN-GX");
        Assert.Equal((4, (Guid?)id), (rhythm.DueDays, rhythm.RuleId));
        Assert.Equal(4, (await CompletenessAsync(guangxi)).Rhythms.Single(r => r.Party == "VN-04").DueDays);
        var oldDue = before.Cells.First(c => c.Party == "CN-GX").DueAt;
        Assert.Equal(oldDue.AddDays(3), agreed.Cells.First(c => c.Party == "CN-GX").DueAt);
        Assert.Equal(ReportingCompleteness.DayDueDays, (await CompletenessAsync(await app.SignInAsync("langson.liaison"))).Rhythms.Single(r => r.Party == "CN-GX").DueDays);
        Assert.Contains("hạn 4 ngày sau khi kết thúc kỳ, theo thỏa thuận", WebUtility.HtmlDecode(await caoBang.GetStringAsync("/situation/completeness?kind=Day&periods=3")),
            StringComparison.Ordinal);
        Assert.Contains("共同规则", WebUtility.HtmlDecode(await (await app.SignInAsync("guangxi.viewer", "zh-Hans")).GetStringAsync($"/rules/{id}")), StringComparison.Ordinal);

        // Guangxi ends it through the page, saying why: the default comes back for both.
        var ended = await Forms.PostAsync(guangxi, $"/rules/{id}", $"/rules/{id}", "answer", [new("kind", "Ended"), new("note", "Nous revenons au rythme quotidien.")]);
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.Equal(ReportingCompleteness.DayDueDays, (await CompletenessAsync(caoBang)).Rhythms.Single(r => r.Party == "CN-GX").DueDays);
        Assert.Contains("Đã chấm dứt", WebUtility.HtmlDecode(await caoBang.GetStringAsync($"/rules/{id}")), StringComparison.Ordinal);
    }
}
