using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Borderlink.Features.Agreements;
using Borderlink.Features.Measures;
using Borderlink.Tests.Features.Minutes;
using Borderlink.Tests.Infrastructure;

namespace Borderlink.Tests.Features.Agreements;

/// <summary>Memoranda and agreements: parties, dates and status, the meeting that made them, their documents, and the measures taken under them.</summary>
public sealed class AgreementTests(SharedApp app)
{
    [Fact]
    public async Task An_agreement_is_shared_with_its_parties_with_its_documents_and_its_measures_count_in_the_meetings_follow_up()
    {
        var langSon = await app.SignInAsync("langson.liaison", "vi");
        var meeting = await MinutesTests.MeetingAsync(langSon);
        var title = "Bản ghi nhớ hợp tác phòng chống dịch " + Guid.NewGuid().ToString("N")[..6];
        var body = new
        {
            kind = "MemorandumOfUnderstanding", title, summary = "Trao đổi thông tin dịch bệnh, phối hợp kiểm dịch tại cửa khẩu.", language = "vi",
            parties = new[] { "CN-GX" }, signedOn = "2025-03-01", effectiveFrom = "2025-03-01", expiresOn = "2026-06-30", status = "InForce",
            meetings = new[] { new { meetingId = meeting.Id, role = "Made" } },
        };
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsync("langson.officer")).PostAsJsonAsync(AgreementsApi.Path, body, Json.Options)).StatusCode);
        var created = await langSon.PostAsJsonAsync(AgreementsApi.Path, body, Json.Options);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var agreement = await created.ReadAsync<AgreementDto>();
        // Recorded in force, but past its expiry date on 2026-11-22.
        Assert.Equal((AgreementStatus.InForce, AgreementStatus.Expired), (agreement.RecordedStatus, agreement.Status));
        Assert.Equal(["CN-GX", "VN-09"], agreement.Parties);

        byte[] pdf = [.. "%PDF-1.4\n%signed copy\n"u8, .. new byte[2048]];
        var upload = await langSon.PostAsync($"{AgreementsApi.Path}/{agreement.Id}/documents?name=mou-signed.pdf",
            new ByteArrayContent(pdf) { Headers = { ContentType = new MediaTypeHeaderValue("application/pdf") } });
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var text = await langSon.PostAsync($"{AgreementsApi.Path}/{agreement.Id}/documents?name=mou.pdf",
            new ByteArrayContent("not a pdf"u8.ToArray()) { Headers = { ContentType = new MediaTypeHeaderValue("application/pdf") } });
        Assert.Equal(HttpStatusCode.BadRequest, text.StatusCode);
        Assert.True((await text.ReadJsonAsync()).GetProperty("errors").TryGetProperty("file", out _));

        var guangxi = await app.SignInAsync("guangxi.liaison", "zh-Hans");
        var documents = await (await guangxi.GetAsync($"{AgreementsApi.Path}/{agreement.Id}/documents")).ReadAsync<List<AgreementDocumentDto>>();
        var document = Assert.Single(documents);
        Assert.Equal(("mou-signed.pdf", "application/pdf"), (document.FileName, document.ContentType));
        Assert.Equal(pdf, await guangxi.GetByteArrayAsync($"{AgreementsApi.Path}/{agreement.Id}/documents/{document.Id}"));
        Assert.Contains("已失效", WebUtility.HtmlDecode(await guangxi.GetStringAsync($"/agreements/{agreement.Id}")), StringComparison.Ordinal);

        // Only its keeper changes it; a party outside it sees neither it nor its documents.
        var change = new HttpRequestMessage(HttpMethod.Put, $"{AgreementsApi.Path}/{agreement.Id}") { Content = JsonContent.Create(body, options: Json.Options) };
        change.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{agreement.Version}\""));
        Assert.Equal(HttpStatusCode.Forbidden, (await guangxi.SendAsync(change)).StatusCode);
        var caoBang = await app.SignInAsync("caobang.liaison");
        Assert.Equal(HttpStatusCode.NotFound, (await caoBang.GetAsync($"{AgreementsApi.Path}/{agreement.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await caoBang.GetAsync($"{AgreementsApi.Path}/{agreement.Id}/documents/{document.Id}")).StatusCode);

        // A measure Guangxi takes on under the agreement follows up the meeting that made it.
        var measure = await (await app.SignInAsync("guangxi.officer")).PostAsJsonAsync(MeasuresApi.Path,
            new { what = "每月交换口岸检疫数据", language = "zh-Hans", dueOn = "2027-01-31", sourceKind = "Agreement", sourceId = agreement.Id }, Json.Options);
        Assert.Equal(HttpStatusCode.Created, measure.StatusCode);
        var followUp = await (await langSon.GetAsync($"/api/v1/meetings/{meeting.Id}/follow-up")).ReadAsync<FollowUpDto>();
        Assert.Equal("每月交换口岸检疫数据", Assert.Single(followUp.Measures).What);
        Assert.Contains(title, WebUtility.HtmlDecode(await langSon.GetStringAsync("/agreements")), StringComparison.Ordinal);
    }
}
