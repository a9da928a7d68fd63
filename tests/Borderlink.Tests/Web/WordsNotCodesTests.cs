using System.Net;
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
        var pages = App.Service(sp => sp.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Components.Endpoints.ComponentTypeMetadata>() is not null)
            .Select(e => e.RoutePattern.RawText!).Distinct().Order(StringComparer.Ordinal).ToList());
        var findings = new List<string>();
        var read = 0;
        var skipped = new List<string>();
        foreach (var page in pages)
        {
            var address = Address(page, ids);
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
        Assert.True(read > 55, $"only {read} pages read; not: " + string.Join("\n", skipped));
        Assert.True(findings.Count == 0, $"{findings.Count} codes shown in {language}:\n" + string.Join("\n", findings.Take(150)));
    }

    /// <summary>
    /// Where a code is the right thing to show: the API reference documents the codes a developer sends; the reference
    /// pages list each party's and gate pair's code beside its names, for those who fill in imports; a French word that
    /// is also an enum's English name ("Message", "Arrangement") is French.
    /// </summary>
    private static bool Allowed(string page, string language, string found, HashSet<string> referenceCodes) =>
        page == "/api-docs"
        || ((page == "/reference" || page.StartsWith("/admin/reference/", StringComparison.Ordinal)) && referenceCodes.Contains(found))
        || (language == "fr" && FrenchWords.Contains(found));

    private static readonly HashSet<string> FrenchWords = new(StringComparer.Ordinal) { "Message", "Arrangement" };

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
    private static string? Address(string page, Dictionary<string, string> ids)
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
                _ when segment == "{Type}" => Id(ids, "notes"),
                _ => Id(ids, segment),
            };
            if (value is null) return null;
            result = result.Replace(parameter.Value, value, StringComparison.Ordinal);
        }
        return result;
    }

    private static string? Id(Dictionary<string, string> ids, string segment) =>
        ids.Where(i => i.Key.EndsWith("/" + segment, StringComparison.Ordinal)).OrderBy(i => i.Key.Length).Select(i => i.Value).FirstOrDefault();

    /// <summary>Records of the main kinds, on both sides, shared across the line, so their pages have something to show.</summary>
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
    }
}
