using Microsoft.EntityFrameworkCore;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Borderlink.Features.Meetings;
using Borderlink.Features.Minutes;
using Borderlink.Tests.Infrastructure;

namespace Borderlink.Tests.Features.Minutes;

/// <summary>Bilingual minutes: every party at the meeting signs; the last signature locks them; a change after that is an amendment.</summary>
public sealed class MinutesTests(SharedApp app)
{
    private static readonly object Text = new
    {
        languageA = "vi", languageB = "zh-Hans", titleA = "Biên bản hội đàm", titleB = "会谈纪要",
        paragraphs = new[]
        {
            new { a = "Hai bên thông báo cho nhau tình hình dịch bệnh hằng tuần.", b = "双方每周相互通报疫情。" },
            new { a = "Ưu tiên thông quan nông sản tại cửa khẩu Hữu Nghị.", b = "友谊关口岸优先通关农产品。" },
        },
    };

    /// <summary>A talks meeting Lang Son hosts with Guangxi, on 20 November 2026 (before the test clock's day) unless another day is given.</summary>
    internal static async Task<MeetingDto> MeetingAsync(HttpClient langSon, string day = "2026-11-20")
    {
        var response = await langSon.PostAsJsonAsync(MeetingsApi.Path, new
        {
            title = "Hội đàm " + Guid.NewGuid().ToString("N")[..6], kind = "Talks", localStart = day + "T09:00:00", localEnd = day + "T11:00:00",
            timeZone = "Asia/Ho_Chi_Minh", online = false, location = "Cửa khẩu Hữu Nghị", agenda = "", language = "vi", invite = new[] { "CN-GX" },
            participants = new[] { new { party = "VN-09", agency = "Sở Ngoại vụ", people = "" }, new { party = "CN-GX", agency = "外事办", people = "" } },
        }, Json.Options);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadAsync<MeetingDto>();
    }

    internal static async Task<MinutesDto> MinutesAsync(HttpClient langSon, Guid meetingId)
    {
        var response = await langSon.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/minutes", Text, Json.Options);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadAsync<MinutesDto>();
    }

    internal static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, object body, long version)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, options: Json.Options) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        return client.SendAsync(request);
    }

    internal static async Task SignAsync(HttpClient client, MinutesDto minutes, string name)
    {
        var response = await SendAsync(client, HttpMethod.Post, $"{MinutesApi.Path}/{minutes.Id}/signatures", new { signatoryName = name, signatoryTitle = "" }, minutes.Version);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Minutes_lock_after_the_last_signature_and_a_later_change_is_refused_and_made_an_amendment()
    {
        var langSon = await app.SignInAsync("langson.liaison", "en");
        var guangxi = await app.SignInAsync("guangxi.liaison", "zh-Hans");
        var meeting = await MeetingAsync(langSon);
        var minutes = await MinutesAsync(langSon, meeting.Id);
        Assert.Equal(["CN-GX", "VN-09"], minutes.SigningParties);
        Assert.False(minutes.Locked);

        // Signing needs a liaison of a party at the meeting, on the version read.
        var officer = await app.SignInAsync("guangxi.officer");
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(officer, HttpMethod.Post, $"{MinutesApi.Path}/{minutes.Id}/signatures",
            new { signatoryName = "王" }, minutes.Version)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("caobang.liaison")).GetAsync($"{MinutesApi.Path}/{minutes.Id}")).StatusCode);

        await SignAsync(langSon, minutes, "Nguyễn Văn A");
        var half = await (await guangxi.GetAsync($"{MinutesApi.Path}/{minutes.Id}")).ReadAsync<MinutesDto>();
        Assert.False(half.Locked);
        Assert.Equal(["CN-GX"], half.AwaitingParties);

        // Still open: the host may change the text, and the signature given on the old text no longer counts.
        var changed = await SendAsync(langSon, HttpMethod.Put, $"{MinutesApi.Path}/{minutes.Id}", Text, minutes.Version);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        minutes = await changed.ReadAsync<MinutesDto>();
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await SendAsync(guangxi, HttpMethod.Post, $"{MinutesApi.Path}/{minutes.Id}/signatures",
            new { signatoryName = "李明" }, minutes.Version - 1)).StatusCode);
        Assert.Equal(["CN-GX", "VN-09"], (await (await guangxi.GetAsync($"{MinutesApi.Path}/{minutes.Id}")).ReadAsync<MinutesDto>()).AwaitingParties);

        await SignAsync(langSon, minutes, "Nguyễn Văn A");
        await SignAsync(guangxi, minutes, "李明");
        var locked = await (await guangxi.GetAsync($"{MinutesApi.Path}/{minutes.Id}")).ReadAsync<MinutesDto>();
        Assert.True(locked.Locked);
        Assert.Equal(["Nguyễn Văn A", "李明"], locked.Signatures.Select(s => s.SignatoryName).Order(StringComparer.Ordinal));

        // After the last signature an edit is refused …
        var edited = new
        {
            languageA = "vi", languageB = "zh-Hans", titleA = "Biên bản hội đàm", titleB = "会谈纪要",
            paragraphs = new[] { new { a = "Hai bên thông báo cho nhau tình hình dịch bệnh hằng ngày.", b = "双方每日相互通报疫情。" } },
        };
        var refused = await SendAsync(langSon, HttpMethod.Put, $"{MinutesApi.Path}/{minutes.Id}", edited, locked.Version);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("urn:borderlink:problem:minutes-locked", (await refused.ReadJsonAsync()).GetProperty("type").GetString());
        var unchanged = await (await langSon.GetAsync($"{MinutesApi.Path}/{minutes.Id}")).ReadAsync<MinutesDto>();
        Assert.Equal((locked.Version, 2), (unchanged.Version, unchanged.Paragraphs.Count));

        // … and the same change made on the minutes' edit page becomes amendment no. 1, which waits for its own signatures.
        var editPage = WebUtility.HtmlDecode(await langSon.GetStringAsync($"/minutes/{minutes.Id}/edit"));
        Assert.Contains("data-testid=\"locked-notice\"", editPage, StringComparison.Ordinal);
        var posted = await Forms.PostAsync(langSon, $"/minutes/{minutes.Id}/edit", $"/minutes/{minutes.Id}/edit", "minutes",
        [
            new("Form.Version", locked.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Form.LanguageA", "vi"), new("Form.LanguageB", "zh-Hans"),
            new("Form.TitleA", "Biên bản hội đàm"), new("Form.TitleB", "会谈纪要"),
            new("Form.TextA", "Hai bên thông báo cho nhau tình hình dịch bệnh hằng ngày."), new("Form.TextB", "双方每日相互通报疫情。"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var all = await (await guangxi.GetAsync($"/api/v1/meetings/{meeting.Id}/minutes")).ReadAsync<List<MinutesDto>>();
        Assert.Equal(2, all.Count);
        var amendment = all.Single(m => m.AmendsId == minutes.Id);
        Assert.Equal((1, false, "双方每日相互通报疫情。"), (amendment.AmendmentNumber, amendment.Locked, amendment.Paragraphs.Single().B));
        Assert.True(all.Single(m => m.Id == minutes.Id).Locked);
        Assert.EndsWith($"/minutes/{amendment.Id}", posted.Headers.Location!.ToString(), StringComparison.Ordinal);

        // The amendment locks the same way; amending again through the API gives no. 2.
        await SignAsync(langSon, amendment, "Nguyễn Văn A");
        await SignAsync(guangxi, amendment, "李明");
        Assert.True((await (await langSon.GetAsync($"{MinutesApi.Path}/{amendment.Id}")).ReadAsync<MinutesDto>()).Locked);
        var second = await langSon.PostAsJsonAsync($"{MinutesApi.Path}/{minutes.Id}/amendments", edited, Json.Options);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(2, (await second.ReadAsync<MinutesDto>()).AmendmentNumber);

        // Amendments sent at the same moment never share a number: each is made with its own, or refused as a collision
        // to send again — never two no. 3.
        var burst = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => langSon.PostAsJsonAsync($"{MinutesApi.Path}/{minutes.Id}/amendments", edited, Json.Options)));
        Assert.All(burst, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        var numbers = await app.WithSystemDbAsync(db => db.Minutes.Where(m => m.AmendsId == minutes.Id).Select(m => m.AmendmentNumber).ToListAsync());
        Assert.Equal(numbers.Distinct().Count(), numbers.Count);
        Assert.Equal(2 + burst.Count(r => r.StatusCode == HttpStatusCode.Created), numbers.Count);
    }

    [Fact]
    public async Task The_printable_minutes_carry_both_languages_side_by_side_and_each_partys_signatories()
    {
        var langSon = await app.SignInAsync("langson.liaison", "fr");
        var meeting = await MeetingAsync(langSon);
        var minutes = await MinutesAsync(langSon, meeting.Id);
        var draft = WebUtility.HtmlDecode(await langSon.GetStringAsync($"/minutes/{minutes.Id}/print"));
        Assert.Contains("Dự thảo — chưa được tất cả các bên ký", draft, StringComparison.Ordinal);
        Assert.Contains("草稿——尚未经各方签字", draft, StringComparison.Ordinal);

        await SignAsync(langSon, minutes, "Nguyễn Văn A");
        await SignAsync(await app.SignInAsync("guangxi.liaison"), minutes, "李明");
        var page = WebUtility.HtmlDecode(await langSon.GetStringAsync($"/minutes/{minutes.Id}/print"));
        Assert.Contains("<td lang=\"vi\">Ưu tiên thông quan nông sản tại cửa khẩu Hữu Nghị.</td><td lang=\"zh-Hans\">友谊关口岸优先通关农产品。</td>", page, StringComparison.Ordinal);
        Assert.Contains("Đại diện", page, StringComparison.Ordinal);
        Assert.Contains("代表", page, StringComparison.Ordinal);
        // The legal sentence names both languages as each column's language names them, and the date is written out.
        Assert.Contains("Lập bằng tiếng Việt và tiếng Trung, cả hai văn bản có giá trị như nhau.", page, StringComparison.Ordinal);
        Assert.Contains("本纪要以越南文和中文写成，两种文本具有同等效力。", page, StringComparison.Ordinal);
        Assert.Contains("Họp ngày 20 tháng 11 năm 2026, tại Cửa khẩu Hữu Nghị.", page, StringComparison.Ordinal);
        Assert.Contains("2026年11月20日，于Cửa khẩu Hữu Nghị。", page, StringComparison.Ordinal);
        Assert.DoesNotContain("2026-11-20", page, StringComparison.Ordinal);
        // Each party's block has room for the hand signature and seal, labelled in both languages, above the printed name.
        foreach (var party in new[] { "VN-09", "CN-GX" }) Assert.Contains($"data-testid=\"print-sign-here-{party}\"", page, StringComparison.Ordinal);
        Assert.Contains("Ký tên, đóng dấu", page, StringComparison.Ordinal);
        Assert.Contains("签字（盖章）", page, StringComparison.Ordinal);
        Assert.Contains("李明", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"print-draft\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("main-nav", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Minutes_are_signed_only_once_the_meeting_has_taken_place()
    {
        var langSon = await app.SignInAsync("langson.liaison", "vi");
        var coming = await MeetingAsync(langSon, "2026-12-15");
        var minutes = await MinutesAsync(langSon, coming.Id);

        // Drafted ahead of the meeting, they cannot be signed yet: the API says why, the page offers no signing form.
        var early = await SendAsync(langSon, HttpMethod.Post, $"{MinutesApi.Path}/{minutes.Id}/signatures", new { signatoryName = "Nguyễn Văn A", signatoryTitle = "" }, minutes.Version);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        var problem = await early.ReadJsonAsync();
        Assert.Equal("urn:borderlink:problem:meeting-not-held", problem.GetProperty("type").GetString());
        Assert.Equal("Biên bản chỉ được ký sau khi cuộc họp đã diễn ra.", problem.GetProperty("title").GetString());
        var view = WebUtility.HtmlDecode(await langSon.GetStringAsync($"/minutes/{minutes.Id}"));
        Assert.Contains("data-testid=\"sign-after-meeting\"", view, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"sign-submit\"", view, StringComparison.Ordinal);

        // Positive control: minutes of a meeting already held offer the form and take the signature.
        var held = await MinutesAsync(langSon, (await MeetingAsync(langSon)).Id);
        var heldView = await langSon.GetStringAsync($"/minutes/{held.Id}");
        Assert.Contains("data-testid=\"sign-submit\"", heldView, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"sign-after-meeting\"", heldView, StringComparison.Ordinal);
        await SignAsync(langSon, held, "Nguyễn Văn A");
    }

    [Fact]
    public async Task Parties_awaited_are_listed_as_each_language_lists_names()
    {
        var langSon = await app.SignInAsync("langson.liaison", "vi");
        var minutes = await MinutesAsync(langSon, (await MeetingAsync(langSon)).Id);
        var chinese = WebUtility.HtmlDecode(await (await app.SignInAsync("guangxi.liaison", "zh-Hans")).GetStringAsync($"/minutes/{minutes.Id}"));
        Assert.Contains("等待广西壮族自治区、谅山省签字", chinese, StringComparison.Ordinal);
        // Positive control: other languages keep the comma.
        var vietnamese = WebUtility.HtmlDecode(await langSon.GetStringAsync($"/minutes/{minutes.Id}"));
        Assert.Matches("Quảng Tây, [^<]*Lạng Sơn", vietnamese);
    }

    [Fact]
    public async Task New_minutes_put_the_meetings_title_in_the_column_of_its_language()
    {
        var guangxi = await app.SignInAsync("guangxi.liaison", "zh-Hans");
        var response = await guangxi.PostAsJsonAsync(MeetingsApi.Path, new
        {
            title = "中越边境疫情防控会谈", kind = "Talks", localStart = "2026-11-20T09:00:00", localEnd = "2026-11-20T11:00:00",
            timeZone = "Asia/Shanghai", online = true, location = "", agenda = "", language = "zh-Hans", invite = new[] { "VN-09" },
            participants = new[] { new { party = "CN-GX", agency = "外事办", people = "" }, new { party = "VN-09", agency = "Sở Ngoại vụ", people = "" } },
        }, Json.Options);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var meeting = await response.ReadAsync<MeetingDto>();

        var form = WebUtility.HtmlDecode(await guangxi.GetStringAsync($"/meetings/{meeting.Id}/minutes/new"));
        // Vietnamese on the left, Chinese on the right: the Chinese title in the Chinese column, the Vietnamese one left to write.
        Assert.Matches("<option value=\"vi\" selected[^>]*>", form);
        Assert.Contains("value=\"中越边境疫情防控会谈\"", Regex.Match(form, "<input id=\"title-b\"[^>]*>").Value, StringComparison.Ordinal);
        Assert.DoesNotContain("中越边境疫情防控会谈", Regex.Match(form, "<input id=\"title-a\"[^>]*>").Value, StringComparison.Ordinal);
    }
}
