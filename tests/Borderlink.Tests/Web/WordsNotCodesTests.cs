using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Borderlink.Features.Audit;
using Borderlink.Sharing.Exchange;
using Borderlink.Tests.Features.Meetings;
using Borderlink.Tests.Features.Notes;
using Borderlink.Tests.Features.Notifications;
using Borderlink.Tests.Features.Situation;
using Borderlink.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Borderlink.Tests.Web;

/// <summary>
/// People read words, not codes: every page, read in Vietnamese, Chinese and French, shows no gate or gate-pair code,
/// no party code, no record-type, audit or role code, no IANA time-zone id and no English name of one of the program's
/// enums. The pages come from the app's own route table and are opened on records that exist, so a new page is
/// checked without editing this test.
/// </summary>
/// <remarks>Its own app: it opens every page about 3 times (~900 requests, ~25 s).</remarks>
public sealed partial class WordsNotCodesTests : OwnAppTest
{
    [Theory]
    [InlineData("langson", "vi", "Ghi chú liên lạc")]
    [InlineData("guangxi", "zh-Hans", "联络便笺")]
    [InlineData("langson", "fr", "Note de liaison")]
    public async Task No_page_shows_a_code_or_an_english_enum_name_to_a_reader_of_another_language(string party, string language, string noteWord)
    {
        var coordinator = await App.SignInAsync(party + ".coordinator", language);
        var admin = await App.SignInAsync(party + ".admin", language);
        var codes = await CodesAsync(admin);
        var referenceCodes = await ReferenceCodesAsync(admin);

        // Positive control: the detector finds the codes where they are meant to be, in the API's data.
        var apiText = await admin.GetStringAsync("/api/v1/gate-pairs");
        Assert.Contains("HUUNGHI-YOUYIGUAN", Find(apiText, codes));
        Assert.Contains("Asia/Ho_Chi_Minh", Find("giờ Asia/Ho_Chi_Minh", codes));
        Assert.Contains("Partners", Find("Phạm vi: Partners", codes));

        await WriteRecordsAsync();
        var ids = await ApiCollections.FirstIdsAsync(admin, await ApiCollections.ListAsync(admin));
        var records = await RecordIdsAsync(party == "langson" ? "VN-09" : "CN-GX");
        var pages = App.Service(sp => sp.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Components.Endpoints.ComponentTypeMetadata>() is not null)
            .Select(e => e.RoutePattern.RawText!).Distinct().Order(StringComparer.Ordinal).ToList());
        var findings = new List<string>();
        var read = 0;
        var skipped = new List<string>();
        foreach (var page in pages)
        {
            var address = Address(page, ids, records);
            if (address is null) { skipped.Add(page); continue; }
            var response = await coordinator.GetAsync(address);
            if (response.Headers.Location?.ToString().Contains("/denied", StringComparison.Ordinal) == true || response.StatusCode == HttpStatusCode.NotFound)
            {
                response = await admin.GetAsync(address);
            }
            if (response.StatusCode != HttpStatusCode.OK) { skipped.Add(address + " " + (int)response.StatusCode); continue; }
            read++;
            var text = VisibleText(await response.Content.ReadAsStringAsync());
            foreach (var found in Find(text, codes).Distinct().Where(f => !Allowed(page, language, f, referenceCodes)))
            {
                findings.Add($"{address}: {found} in “{Around(text, found)}”");
            }
        }
        // The audit trail names the record types it lists (a liaison note was written above), with a link to the record.
        var audit = VisibleText(await admin.GetStringAsync("/admin/audit"));
        Assert.Contains(noteWord, audit, StringComparison.Ordinal);
        Assert.True(read > 80, $"only {read} pages read; not: " + string.Join("\n", skipped));
        Assert.True(findings.Count == 0, $"{findings.Count} codes shown in {language}:\n" + string.Join("\n", findings.Take(150)));
    }

    /// <summary>
    /// Where a code is the right thing to show: the API reference documents the codes a developer sends; the reference
    /// pages list each party's and gate pair's code beside its names, for those who fill in imports; a French word that
    /// is also an enum's English name ("Message", "Arrangement", "Expert") is French.
    /// </summary>
    private static bool Allowed(string page, string language, string found, HashSet<string> referenceCodes) =>
        page == "/api-docs"
        || ((page == "/reference" || page.StartsWith("/admin/reference/", StringComparison.Ordinal)) && referenceCodes.Contains(found))
        || (language == "fr" && FrenchWords.Contains(found));

    private static readonly HashSet<string> FrenchWords = new(StringComparer.Ordinal) { "Message", "Arrangement", "Expert" };

    private static async Task<HashSet<string>> ReferenceCodesAsync(HttpClient admin)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in new[] { "/api/v1/gate-pairs", "/api/v1/parties" })
        {
            foreach (var item in JsonNode.Parse(await admin.GetStringAsync(path))!.AsArray()) codes.Add((string)item!["code"]!);
        }
        return codes;
    }

    /// <summary>What a person must never read: codes of the reference data and of the program, IANA ids, enum names.</summary>
    private static async Task<HashSet<string>> CodesAsync(HttpClient admin)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pair in JsonNode.Parse(await admin.GetStringAsync("/api/v1/gate-pairs"))!.AsArray())
        {
            codes.Add((string)pair!["code"]!);
        }
        foreach (var p in JsonNode.Parse(await admin.GetStringAsync("/api/v1/parties"))!.AsArray())
        {
            codes.Add((string)p!["code"]!);
        }
        Assert.Contains("HUUNGHI-YOUYIGUAN", codes);
        Assert.Contains("VN-09", codes);
        // Record types named by one word ("meeting", "contact") are words of English and French; the compound ones are codes.
        codes.UnionWith(RecordTypes.ByName.Keys.Where(t => t.Contains('-', StringComparison.Ordinal)));
        codes.UnionWith(AuditActions.All.Where(a => a.Contains('-', StringComparison.Ordinal)));
        // UN numbers ("UN2814 — infectious substance") are how people who pack samples name the class.
        foreach (var type in typeof(RecordTypes).Assembly.GetTypes().Where(t => t.IsEnum && t.IsPublic && t != typeof(Borderlink.Features.Permits.PackagingClass)))
        {
            // A compound name ("AwaitingAcknowledgement") or a word of five letters or more ("Partners", "Closed").
            codes.UnionWith(Enum.GetNames(type).Where(n => n.Length >= 5 || n.Count(char.IsUpper) > 1));
        }
        return codes;
    }

    private static IEnumerable<string> Find(string text, HashSet<string> codes)
    {
        foreach (Match m in Token().Matches(text))
        {
            if (codes.Contains(m.Value) || Iana().IsMatch(m.Value)) yield return m.Value;
        }
    }

    /// <summary>A word as a code is written: letters, digits, '-', '_' and '/', not part of a user name or an address.</summary>
    [GeneratedRegex(@"(?<![\w.@/:-])[A-Za-z][A-Za-z0-9_/-]*[A-Za-z0-9](?![\w.@-]*[\w@])")]
    private static partial Regex Token();

    [GeneratedRegex(@"^(Africa|America|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)/[A-Za-z_]+$")]
    private static partial Regex Iana();

    private static string VisibleText(string html)
    {
        html = Regex.Replace(html, @"<(script|style)\b.*?</\1>", " ", RegexOptions.Singleline | RegexOptions.IgnoreCase);
        html = Regex.Replace(html, @"<[^>]+>", " ");
        return Regex.Replace(WebUtility.HtmlDecode(html), @"\s+", " ");
    }

    private static string Around(string text, string found)
    {
        var at = text.IndexOf(found, StringComparison.Ordinal);
        var start = Math.Max(0, at - 40);
        return text[start..Math.Min(text.Length, at + found.Length + 40)];
    }

    /// <summary>
    /// The page's address on an existing record: each parameter takes the first id its API collection lists, the
    /// collection named like the path segment before it (/meetings/{id}/follow-up → /api/v1/…/meetings).
    /// </summary>
    private static string? Address(string page, Dictionary<string, string> ids, Dictionary<string, string> records)
    {
        if (!page.Contains('{')) return page;
        var result = page;
        foreach (Match parameter in Regex.Matches(page, @"\{([^}:]+)[^}]*\}"))
        {
            var before = page[..parameter.Index].TrimEnd('/');
            var segment = before[(before.LastIndexOf('/') + 1)..];
            var value = parameter.Groups[1].Value switch
            {
                "Number" => "1",
                "Type" => "liaison-note",
                "MeetingId" => Id(ids, "meetings"),
                _ when segment == "{Type}" => records.GetValueOrDefault("/notes"),
                "Id" when records.TryGetValue(before, out var record) => record,
                _ => Id(ids, segment),
            };
            if (value is null) return null;
            result = result.Replace(parameter.Value, value, StringComparison.Ordinal);
        }
        return result;
    }

    private static string? Id(Dictionary<string, string> ids, string segment) =>
        ids.Where(i => i.Key.EndsWith("/" + segment, StringComparison.Ordinal)).OrderBy(i => i.Key.Length).Select(i => i.Value).FirstOrDefault();

    /// <summary>
    /// For each page a record type is read on ("/notes/{Id}"), the id of one record of that type the party owns (so its
    /// edit page opens too) or, failing that, one shared with it.
    /// </summary>
    private Task<Dictionary<string, string>> RecordIdsAsync(string party) => App.WithSystemDbAsync(async db =>
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var type in RecordTypes.ByName.Values)
        {
            if (Borderlink.Sharing.RecordPages.Of(type)?.Template is not { } template || !template.EndsWith("/{Id}", StringComparison.Ordinal)) continue;
            var token = "|" + party + "|";
            var id = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(
                RecordSets.Of(db, type).Where(r => r.OwnerParty == party || r.AudienceParties.Contains(token)).OrderBy(r => r.OwnerParty == party ? 0 : 1).Select(r => (Guid?)r.Id));
            if (id is { } known) found[template[..^"/{Id}".Length]] = known.ToString();
        }
        return found;
    });

    /// <summary>Records of every kind that has a page of its own, on both sides, shared across the line, so their pages have something to show.</summary>
    private async Task WriteRecordsAsync()
    {
        var langson = await App.SignInAsync("langson.liaison");
        var guangxi = await App.SignInAsync("guangxi.liaison");
        await langson.CreateNoteAsync("Sốt xuất huyết ở Lộc Bình", "Partners", ["CN-GX"]);
        await guangxi.CreateNoteAsync("凭祥登革热病例", "Partners", ["VN-09"], language: "zh-Hans");
        await langson.NotifyAsync("Ổ dịch sốt xuất huyết", addressees: ["CN-GX"]);
        await guangxi.NotifyAsync("登革热疫情通报", addressees: ["VN-09"], language: "zh-Hans");
        await langson.ScheduleMeetingAsync("Họp tại cửa khẩu Hữu Nghị", "2026-12-10T09:00", "2026-12-10T11:00", ["CN-GX"]);
        await (await App.SignInAsync("langson.officer")).ReportRowAsync("2026-W46", "dengue", "VN-09", 12);
        await (await App.SignInAsync("guangxi.officer")).ReportRowAsync("2026-W46", "dengue", "CN-GX", 7);
        foreach (var (client, side, partner, language) in new[] { (langson, "VN-09", "CN-GX", "vi"), (guangxi, "CN-GX", "VN-09", "zh-Hans") })
        {
            // Titles name places, not codes: the test looks for codes on the pages.
            var (place, partnerPlace) = side == "VN-09" ? ("Lạng Sơn", "Quảng Tây") : ("Quảng Tây", "Lạng Sơn");
            var officer = await App.SignInAsync((side == "VN-09" ? "langson" : "guangxi") + ".officer");
            var meeting = await client.ScheduleMeetingAsync("Họp giao ban " + place, "2026-11-20T09:00", "2026-11-20T11:00", [partner]);
            await Borderlink.Tests.Features.Minutes.MinutesTests.MinutesAsync(client, meeting.Id);
            await CreatedAsync(client, "/api/v1/agreements", new
            {
                kind = "MemorandumOfUnderstanding", title = "Bản ghi nhớ " + place, summary = "Trao đổi thông tin dịch bệnh.", language, parties = new[] { partner },
                signedOn = "2025-03-01", effectiveFrom = "2025-03-01", expiresOn = "2027-06-30", status = "InForce", meetings = new[] { new { meetingId = meeting.Id, role = "Made" } },
            });
            await CreatedAsync(officer, "/api/v1/measures", new { what = "Tăng cường kiểm dịch " + place, language, dueOn = "2026-11-30", sourceKind = "Meeting", sourceId = meeting.Id });
            await CreatedAsync(officer, "/api/v1/permits", new
            {
                gatePair = "HUUNGHI-YOUYIGUAN", applicant = "CDC " + place, consignee = "CDC " + partnerPlace, category = "MicrobiologicalSample", item = "Mẫu bệnh phẩm",
                quantity = 12, unit = "ống", packaging = "UN2814", towardsChina = side == "VN-09", validFrom = "2026-11-20", validTo = "2026-12-20", language,
            });
            await CreatedAsync(officer, "/api/v1/quarantine/facilities",
                new { name = "Khu cách ly " + place, kind = "Centralized", gatePair = "HUUNGHI-YOUYIGUAN", capacity = 10, alertAtPercent = 90, active = true, language });
            var agency = (await (await officer.GetAsync("/api/v1/me")).ReadJsonAsync()).GetProperty("agency").GetGuid();
            await CreatedAsync(client, "/api/v1/contacts", new { kind = "Hotline", agencyId = agency, name = "Đường dây nóng " + place, phone = "+84 205 3870 000", hours = "24/7", languages = new[] { "vi", "zh-Hans" } });
            await CreatedAsync(client, "/api/v1/communications", new
            {
                occurredAt = "2026-11-20T03:15:00Z", channel = "Hotline", direction = "Incoming", category = "Epidemic", counterpartParty = partner,
                subject = "Cuộc gọi " + place, summary = "Trao đổi về ca sốt xuất huyết", language,
            });
            await CreatedAsync(client, "/api/v1/activities", new
            {
                kind = "Drill", title = "Diễn tập " + place, subject = "Ca nghi dịch hạch", startsOn = "2026-11-10", endsOn = "2026-11-10", location = "Cửa khẩu Hữu Nghị",
                findings = "Thiếu buồng cách ly", language, shareWith = new[] { partner },
            });
            await CreatedAsync(client, "/api/v1/recognitions", new
            {
                title = "Sứ giả hữu nghị", year = 2026, quarter = 3, personName = "Nguyễn Văn An", personParty = partner, agency = "Biên phòng", citation = "Đóng góp nổi bật",
                language, shareWith = new[] { partner },
            });
            await SucceededAsync(officer, "/api/v1/gates/HUUNGHI-YOUYIGUAN/traffic", new { date = "2026-11-21", peopleIn = 1200, peopleOut = 900, vehicles = 640, trucksWaiting = 30, clearanceMinutes = 95 });
            await CreatedAsync(client, "/api/v1/rules", new { kind = "AcknowledgementHours", subject = "dengue", value = 36, parties = new[] { partner }, reason = "Thống nhất thời hạn " + place, language });
        }
    }

    private static async Task CreatedAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body, Json.Options);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task SucceededAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body, Json.Options);
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
