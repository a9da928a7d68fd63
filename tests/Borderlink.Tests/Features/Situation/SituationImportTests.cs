using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Borderlink.Data;
using Borderlink.Features.Situation;
using Borderlink.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace Borderlink.Tests.Features.Situation;

/// <summary>
/// Situation counts in and out: CSV and XLSX, headers in any language, names through the gazetteer, whole-file refusal
/// with row numbers, confirmation before replacing, encodings, and exports that a spreadsheet cannot run.
/// Each test has its own app: imports change what other tests would count.
/// </summary>
public sealed class SituationImportTests : OwnAppTest
{
    private const string Path = SituationApi.Path;

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] content, string name, string? query = null)
    {
        var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue(name.EndsWith(".xlsx", StringComparison.Ordinal) ? SituationApi.XlsxContentType : "text/csv");
        return await client.PostAsync($"{Path}/imports?name={name}{query}", body);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private Task<(int Reports, int Figures)> CountsAsync() => App.WithSystemDbAsync(async db => (await db.SituationReports.CountAsync(), await FigureCountAsync(db)));

    /// <summary>How many disease figures the node's reports hold, one per report and disease.</summary>
    private static async Task<int> FigureCountAsync(BorderlinkDb db) => (await db.SituationReports.Select(r => r.Figures).ToListAsync())
        .Sum(f => f is null ? 0 : System.Text.Json.JsonDocument.Parse(f).RootElement.EnumerateObject().Count());

    /// <summary>Every stored row of a party's reports, oldest period first, as <paramref name="show"/> writes it.</summary>
    private Task<List<string>> StoredRowsAsync(string party, Func<SituationReport, SituationRow, string> show) => App.WithSystemDbAsync(async db =>
        (await db.SituationReports.Where(r => r.OwnerParty == party).OrderBy(r => r.PeriodStart).ToListAsync())
            .SelectMany(r => r.Rows.Select(row => show(r, row))).ToList());

    private async Task AssertAuditChainIntactAsync()
    {
        var chain = await App.Service(sp => sp.CreateScope().ServiceProvider.GetRequiredService<Borderlink.Features.Audit.AuditVerifier>()).VerifyAsync();
        Assert.True(chain.Intact, chain.Reason);
    }

    [Fact]
    public async Task A_good_CSV_is_imported_and_Guangxi_sees_Lang_Son_beside_its_own_figures()
    {
        var langSon = await App.SignInAsync("langson.officer");
        var csv = """
            period,place,disease,new_cases,deaths,tests,imported_cases,in_quarantine,note
            2026-W45,Lạng Sơn,dengue,12,0,40,2,15,
            2026-W46,Lang Son,Dengue,20,1,55,3,18,
            2026-W46,Dong Dang,Sốt xuất huyết Dengue,7,0,,,,chợ biên giới
            2026-W46,LẠNG SƠN,cholera,1,0,4,0,2,
            """;
        var response = await UploadAsync(langSon, Utf8(csv), "langson.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.ReadAsync<ImportResultDto>();
        Assert.Equal(("imported", 4, 2, 0), (result.Status, result.Rows, result.Periods, result.Replaced));

        var guangxi = await App.SignInAsync("guangxi.officer");
        var own = "period,place,disease,new_cases,deaths\n2026-W46,Guangxi,dengue,30,0\n2026-W46,Pingxiang,dengue,9,0\n";
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(guangxi, Utf8(own), "gx.csv")).StatusCode);

        var figures = await (await guangxi.GetAsync("/api/v1/situation/figures?disease=dengue&from=2026-11-01&to=2026-11-30")).ReadAsync<List<PartyFigures>>();
        Assert.Equal(["CN-GX 2026-11-09 30", "VN-09 2026-11-02 12", "VN-09 2026-11-09 20"],
            figures.Select(f => $"{f.Party} {f.Start:yyyy-MM-dd} {f.NewCases}").Order(StringComparer.Ordinal));
        var table = await (await guangxi.GetAsync("/api/v1/situation/cross-border?disease=dengue&period=2026-W46")).ReadAsync<List<CrossBorderLine>>();
        var ls = table.Single(l => l.Party == "VN-09");
        Assert.Equal(((int?)20, (int?)12, (int?)8, (double?)66.7), (ls.NewCases, ls.PreviousNewCases, ls.Change, ls.ChangePercent));
        // Guangxi sent nothing for W45: its previous figure is missing, not 0, and so is the change.
        var gx = table.Single(l => l.Party == "CN-GX");
        Assert.Equal(((int?)30, (int?)null, (int?)null, (double?)null), (gx.NewCases, gx.PreviousNewCases, gx.Change, gx.ChangePercent));

        var yunnan = await App.SignInAsync("yunnan.officer");
        var hidden = await (await yunnan.GetAsync("/api/v1/situation/figures?disease=dengue&from=2026-11-01&to=2026-11-30")).ReadAsync<List<PartyFigures>>();
        Assert.DoesNotContain(hidden, f => f.Party == "VN-09");

        var page = await (await App.SignInAsync("guangxi.viewer", "zh-Hans")).GetStringAsync("/situation?disease=dengue&periods=8");
        Assert.Contains("<svg", page, StringComparison.Ordinal);
        Assert.Contains("中方", page, StringComparison.Ordinal);
        Assert.Contains("越方", page, StringComparison.Ordinal);
        // Weeks a side did not report read "未报告" in the curve's table (China first, then Viet Nam), never 0; reported ones their figure.
        Assert.Matches(@"<td[^>]*>2026-W45</td>\s*<td class=""no-report""[^>]*>未报告</td>\s*<td[^>]*>12</td>", page);
        Assert.Matches(@"<td[^>]*>2026-W46</td>\s*<td[^>]*>30</td>\s*<td[^>]*>20</td>", page);
        Assert.Matches(@"<td[^>]*>2026-W44</td>\s*<td class=""no-report""[^>]*>未报告</td>\s*<td class=""no-report""[^>]*>未报告</td>", page);
        Assert.DoesNotMatch(@"<td[^>]*>2026-W4\d</td>\s*<td[^>]*>0</td>", page);
        // The cross-border table says the same of Guangxi's previous week.
        Assert.Matches(@"data-testid=""cross-border-CN-GX"">\s*<td[^>]*>[^<]+</td>\s*<td[^>]*>30</td>\s*<td class=""no-report""[^>]*>未报告</td>", page);

        // Below the parties, the places the reports name (issue 21 item 4): Pingxiang and Đồng Đăng, most cases first, each
        // with what it lies within; the parties' own totals (30 and 20 above) are not places.
        var places = await (await guangxi.GetAsync("/api/v1/situation/places?disease=dengue&period=2026-W46")).ReadAsync<List<PlaceLineDto>>();
        Assert.Equal(["CN-GX CN-GX-PX 凭祥市 [崇左市] 9 – 0", "VN-09 VN-09-DD 同登 [] 7 – 0"],
            places.Select(l => $"{l.Party} {l.Place} {l.PlaceName} [{string.Join(", ", l.Within)}] {l.NewCases} {l.PreviousNewCases?.ToString() ?? "–"} {l.Deaths}"));
        Assert.Matches(@"data-testid=""place-CN-GX-PX"">\s*<td[^>]*>凭祥市</td>\s*<td[^>]*>崇左市</td>\s*<td[^>]*>广西壮族自治区</td>\s*<td[^>]*>9</td>\s*<td[^>]*>–</td>", page);
        Assert.Matches(@"data-testid=""place-VN-09-DD"">\s*<td[^>]*>同登</td>", page);
        Assert.Empty(await (await yunnan.GetAsync("/api/v1/situation/places?disease=dengue&period=2026-W46")).ReadAsync<List<PlaceLineDto>>());
        Assert.Equal(HttpStatusCode.BadRequest, (await guangxi.GetAsync("/api/v1/situation/places?disease=dengue&period=W99")).StatusCode);
    }

    [Fact]
    public async Task A_good_XLSX_and_a_CSV_with_Chinese_headers_are_imported()
    {
        var guangxi = await App.SignInAsync("guangxi.officer");
        using var xlsx = new MemoryStream();
        xlsx.SaveAs(new[]
        {
            new Dictionary<string, object?> { ["报告期"] = "2026-W40", ["地点"] = "凭祥市", ["疾病"] = "登革热", ["新增病例数"] = 5, ["死亡数"] = 0 },
            new Dictionary<string, object?> { ["报告期"] = "2026-W41", ["地点"] = "憑祥", ["疾病"] = "登革热", ["新增病例数"] = 8, ["死亡数"] = 1 },
        }, excelType: ExcelType.XLSX);
        var fromXlsx = await UploadAsync(guangxi, xlsx.ToArray(), "gx.xlsx");
        Assert.Equal(HttpStatusCode.OK, fromXlsx.StatusCode);
        Assert.Equal(2, (await fromXlsx.ReadAsync<ImportResultDto>()).Rows);

        var chineseCsv = "报告期,所属方,地点,疾病,新增病例数,死亡数,隔离人数\n2026-W42,广西壮族自治区,广西,霍乱,3,0,40\n";
        var fromCsv = await UploadAsync(guangxi, Utf8(chineseCsv), "gx-zh.csv");
        Assert.Equal(HttpStatusCode.OK, fromCsv.StatusCode);

        var rows = await StoredRowsAsync("CN-GX", (_, f) => $"{f.Place} {f.Disease} {f.NewCases} {f.InQuarantine}");
        Assert.Equal(["CN-GX-PX dengue 5 ", "CN-GX-PX dengue 8 ", "CN-GX cholera 3 40"], rows);
    }

    [Fact]
    public async Task Without_a_party_total_the_chart_adds_up_the_places()
    {
        var guangxi = await App.SignInAsync("guangxi.officer");
        var places = "period,place,disease,new_cases,deaths,in_quarantine\n2026-W46,Pingxiang,dengue,9,1,4\n2026-W46,Dongxing,dengue,4,0,\n2026-W46,Ningming,cholera,2,0,1\n";
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(guangxi, Utf8(places), "places.csv")).StatusCode);
        const string dengue = "/api/v1/situation/figures?disease=dengue&from=2026-11-09&to=2026-11-15";
        async Task<string> ShownAsync() => string.Join("; ", (await (await guangxi.GetAsync(dengue)).ReadAsync<List<PartyFigures>>())
            .Select(f => $"{f.Party} {f.NewCases} {f.Deaths} {f.InQuarantine}"));
        Assert.Equal("CN-GX 13 1 4", await ShownAsync());
    }

    [Fact]
    public async Task A_chart_shows_only_its_own_disease_when_another_disease_code_begins_with_its_code()
    {
        var guangxi = await App.SignInAsync("guangxi.officer");
        var csv = "period,place,disease,new_cases,deaths\n2026-W45,Guangxi,influenza-new-subtype,7,1\n2026-W46,Guangxi,influenza,30,0\n"
            + "2026-W46,Guangxi,influenza-new-subtype,2,0\n";
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(guangxi, Utf8(csv), "flu.csv")).StatusCode);

        async Task<string> ShownAsync(string disease) => string.Join("; ", (await (await guangxi.GetAsync(
                $"/api/v1/situation/figures?disease={disease}&from=2026-11-02&to=2026-11-15")).ReadAsync<List<PartyFigures>>())
            .Select(f => $"{f.Start:MM-dd} {f.NewCases} {f.Deaths}"));
        Assert.Equal("11-09 30 0", await ShownAsync("influenza"));
        Assert.Equal("11-02 7 1; 11-09 2 0", await ShownAsync("influenza-new-subtype"));
    }

    [Fact]
    public async Task A_file_with_one_bad_row_is_refused_whole_with_its_row_and_column_and_nothing_changes()
    {
        var langSon = await App.SignInAsync("langson.officer", "vi");
        var before = await CountsAsync();
        var csv = "period,place,disease,new_cases,deaths\n2026-W45,Lạng Sơn,dengue,12,0\n2026-W45,Đồng Đăng,dengue,many,0\n2026-W46,Lạng Sơn,dengue,3,0\n";
        var response = await UploadAsync(langSon, Utf8(csv), "bad.csv");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        var only = Assert.Single(problem.GetProperty("problems").EnumerateArray());
        Assert.Equal((3, "new_cases"), (only.GetProperty("row").GetInt32(), only.GetProperty("column").GetString()));
        Assert.Equal("Một số nguyên từ 0 đến 10000000.", only.GetProperty("message").GetString());
        Assert.Equal(before, await CountsAsync());

        var notOurs = "period,place,disease,new_cases,deaths\n2026-W45,Pingxiang,dengue,1,0\n2026-W45,Lng Sõn,dengue,1,0\n";
        var problems = (await (await UploadAsync(langSon, Utf8(notOurs), "x.csv")).ReadJsonAsync()).GetProperty("problems").EnumerateArray().ToList();
        Assert.Equal([2], problems.Select(p => p.GetProperty("row").GetInt32()));
        Assert.Contains("Pingxiang", problems[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Figures_for_a_period_that_has_not_begun_are_refused()
    {
        // The test clock says 2026-11-22 23:30 in Lang Son (UTC+7): week 47 has begun, week 48 and later have not.
        var langSon = await App.SignInAsync("langson.officer", "en");
        var before = await CountsAsync();
        var csv = "period,place,disease,new_cases,deaths\n2026-W47,Lạng Sơn,dengue,4,0\n2026-W48,Lạng Sơn,dengue,5,0\n2100-01-01,Lạng Sơn,dengue,6,0\n";
        var response = await UploadAsync(langSon, Utf8(csv), "future.csv");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problems = (await response.ReadJsonAsync()).GetProperty("problems").EnumerateArray().ToList();
        Assert.Equal([(3, "period"), (4, "period")], problems.Select(p => (p.GetProperty("row").GetInt32(), p.GetProperty("column").GetString())));
        Assert.Contains("has not begun yet", problems[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());

        // Positive control: the current week alone is imported.
        var current = await UploadAsync(langSon, Utf8("period,place,disease,new_cases,deaths\n2026-W47,Lạng Sơn,dengue,4,0\n"), "now.csv");
        Assert.True(current.IsSuccessStatusCode, $"{(int)current.StatusCode} {await current.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task UTF_16_and_GBK_files_are_decoded_and_an_unreadable_one_is_refused_clearly()
    {
        var guangxi = await App.SignInAsync("guangxi.officer", "en");
        var csv = "报告期,地点,疾病,新增病例数,死亡数\n2026-W30,凭祥市,登革热,4,0\n";
        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(csv)).ToArray();
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(guangxi, utf16, "utf16.csv")).StatusCode);

        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gbk = Encoding.GetEncoding("GBK").GetBytes(csv.Replace("2026-W30", "2026-W31", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(guangxi, gbk, "gbk.csv")).StatusCode);
        Assert.Equal(["2026-07-20 4", "2026-07-27 4"], await StoredRowsAsync("CN-GX", (r, f) => $"{r.PeriodStart:yyyy-MM-dd} {f.NewCases}"));

        var binary = new byte[] { 0x00, 0x01, 0x02, 0xFF, 0x00, 0xFE, 0x80, 0x81 };
        var refused = await (await UploadAsync(guangxi, binary, "noise.csv")).ReadJsonAsync();
        Assert.Contains("encoding", refused.GetProperty("problems")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_French_Windows_1252_file_keeps_its_accents_and_an_unsure_file_waits_for_the_uploader_to_say()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var windows1252 = Encoding.GetEncoding(1252);
        var langSon = await App.SignInAsync("langson.officer", "fr");

        // French Excel saves "CSV (séparateur: point-virgule)" in Windows-1252: read as such, the accents are kept.
        var french = "période;lieu;maladie;nouveaux cas;décès;remarque\n2026-W44;Lang Son;dengue;3;0;Fièvre élevée à l'hôpital, cas importés\n";
        var imported = await UploadAsync(langSon, windows1252.GetBytes(french), "fr.csv");
        Assert.True(imported.StatusCode == HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        Assert.Equal(["Fièvre élevée à l'hôpital, cas importés"], await StoredRowsAsync("VN-09", (_, f) => f.Note ?? ""));

        // A few accented letters are too little to be sure of: refused with a clear request, nothing stored ...
        var shortFile = windows1252.GetBytes("period,place,disease,new_cases,deaths,note\n2026-W43,Lang Son,dengue,2,0,Lê\n");
        var unsure = await UploadAsync(langSon, shortFile, "short.csv");
        Assert.Equal(HttpStatusCode.BadRequest, unsure.StatusCode);
        var message = (await unsure.ReadJsonAsync()).GetProperty("problems")[0].GetProperty("message").GetString();
        Assert.Contains("Windows-1252", message, StringComparison.Ordinal);
        Assert.Single(await StoredRowsAsync("VN-09", (_, f) => f.Note ?? ""));
        // ... until the uploader says the encoding, through the API or the page's choice.
        var said = await UploadAsync(langSon, shortFile, "short.csv", "&encoding=Windows1252");
        Assert.True(said.StatusCode == HttpStatusCode.OK, await said.Content.ReadAsStringAsync());
        Assert.Contains("Lê", await StoredRowsAsync("VN-09", (_, f) => f.Note ?? ""));

        // Saying an encoding the bytes do not fit is refused, not read wrongly.
        var notUtf8 = await UploadAsync(langSon, windows1252.GetBytes(french.Replace("W44", "W42", StringComparison.Ordinal)), "x.csv", "&encoding=Utf8");
        Assert.Equal(HttpStatusCode.BadRequest, notUtf8.StatusCode);

        // The page offers the choice in the reader's language.
        var page = await (await langSon.GetAsync("/situation/import")).Content.ReadAsStringAsync();
        Assert.Contains("Reconnaître d'après le fichier", System.Net.WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.Contains("value=\"Windows1252\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replacing_existing_counts_waits_for_confirmation_and_then_replaces_only_those()
    {
        var langSon = await App.SignInAsync("langson.officer");
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(langSon, Utf8("period,place,disease,new_cases,deaths\n2026-W45,Lạng Sơn,dengue,12,0\n2026-W45,Lạng Sơn,measles,2,0\n"), "a.csv")).StatusCode);

        var again = await UploadAsync(langSon, Utf8("period,place,disease,new_cases,deaths\n2026-W45,Lạng Sơn,dengue,15,0\n2026-W46,Lạng Sơn,dengue,9,0\n"), "b.csv");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var problem = await again.ReadJsonAsync();
        Assert.Equal((1, 2), (problem.GetProperty("conflicts").GetInt32(), problem.GetProperty("rows").GetInt32()));
        Assert.Equal(["dengue 12", "measles 2"], await FactsAsync());

        var confirmed = await langSon.PostAsync($"{Path}/imports/{problem.GetProperty("pendingImport").GetGuid()}/confirm", null);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(["dengue 15", "dengue 9", "measles 2"], await FactsAsync());
        var report = await App.WithSystemDbAsync(db => db.SituationReports.SingleAsync(r => r.OwnerParty == "VN-09" && r.PeriodStart == new DateOnly(2026, 11, 2)));
        Assert.Equal(2, report.Version);

        var guangxi = await App.SignInAsync("guangxi.officer");
        Assert.Equal(HttpStatusCode.NotFound, (await guangxi.PostAsync($"{Path}/imports/{problem.GetProperty("pendingImport").GetGuid()}/confirm", null)).StatusCode);

        async Task<List<string>> FactsAsync() => [.. (await StoredRowsAsync("VN-09", (_, f) => $"{f.Disease} {f.NewCases}")).Order(StringComparer.Ordinal)];
    }

    [Fact]
    public async Task An_export_cannot_run_as_a_formula_and_the_template_is_in_the_readers_language()
    {
        var langSon = await App.SignInAsync("langson.officer", "vi");
        var rows = new { rows = new[] { new { disease = "dengue", place = "Đồng Đăng", period = "2026-W45", newCases = 3, deaths = 0, note = "=HYPERLINK(\"http://x\",\"y\")" } } };
        Assert.Equal(HttpStatusCode.OK, (await langSon.PostAsJsonAsync($"{Path}/rows", rows, Json.Options)).StatusCode);

        var csv = Encoding.UTF8.GetString(await langSon.GetByteArrayAsync($"{Path}/export?format=csv"));
        Assert.StartsWith("\uFEFFKỳ báo cáo,Địa phương,Địa điểm,Bệnh,Ca mắc mới", csv, StringComparison.Ordinal);
        Assert.Contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",=HYPERLINK", csv, StringComparison.Ordinal);

        var xlsx = await langSon.GetByteArrayAsync($"{Path}/export?format=xlsx");
        var cells = new MemoryStream(xlsx).Query(useHeaderRow: true).Cast<IDictionary<string, object>>().Single();
        Assert.Equal("'=HYPERLINK(\"http://x\",\"y\")", cells["Ghi chú"]);
        Assert.Equal("Đồng Đăng", cells["Địa điểm"]);

        var template = Encoding.UTF8.GetString(await (await App.SignInAsync("guangxi.officer", "zh-Hans")).GetByteArrayAsync($"{Path}/template?format=csv"));
        Assert.StartsWith("\uFEFF报告期,所属方,地点,疾病,新增病例数,死亡数", template, StringComparison.Ordinal);
        // The template's own example row goes back in unchanged.
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(await App.SignInAsync("guangxi.officer"), Encoding.UTF8.GetBytes(template), "template.csv")).StatusCode);
    }

    [Fact]
    public async Task The_entry_form_saves_one_row_and_asks_before_replacing_it()
    {
        var langSon = await App.SignInAsync("langson.officer", "en");
        List<KeyValuePair<string, string>> Fields(string newCases, bool replace = false) =>
        [
            new("Form.Period", "2026-W44"), new("Form.Disease", "dengue"), new("Form.Place", "Đồng Đăng"), new("Form.NewCases", newCases),
            new("Form.Deaths", "0"), .. replace ? new[] { new KeyValuePair<string, string>("Form.Replace", "true") } : [],
        ];
        var saved = await Forms.PostAsync(langSon, "/situation/new", "/situation/new", "entry", Fields("6"));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("data-testid=\"entry-saved\"", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var again = await Forms.PostAsync(langSon, "/situation/new", "/situation/new", "entry", Fields("9"));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("data-testid=\"entry-exists\"", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await Forms.PostAsync(langSon, "/situation/new", "/situation/new", "entry", Fields("9", replace: true))).StatusCode);

        var bad = await Forms.PostAsync(langSon, "/situation/new", "/situation/new", "entry", Fields("-3"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["VN-09-DD dengue 9"], await StoredRowsAsync("VN-09", (_, f) => $"{f.Place} {f.Disease} {f.NewCases}"));
    }

    [Fact]
    public async Task A_file_of_many_periods_is_written_in_bulk_and_reads_back_exactly_with_its_audit_chain_intact()
    {
        var langSon = await App.SignInAsync("langson.officer");
        var lines = new StringBuilder("period,place,disease,new_cases,deaths,tests,imported_cases,in_quarantine,note\n");
        var start = new DateOnly(2026, 8, 1);
        // 40 daily periods: more reports than the save pipeline writes one by one (BulkInserts.Threshold).
        for (var day = 0; day < 40; day++)
        {
            var date = start.AddDays(day).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            lines.Append($"{date},Lạng Sơn,dengue,{day},{day % 3},{day * 10},{day % 5},{day % 7},\n");
            lines.Append($"{date},Đồng Đăng,cholera,{day + 100},0,,,{day % 4},\"chợ, cửa khẩu {day}\"\n");
        }
        var response = await UploadAsync(langSon, Utf8(lines.ToString()), "forty-days.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.ReadAsync<ImportResultDto>();
        Assert.Equal(("imported", 80, 40), (result.Status, result.Rows, result.Periods));

        var stored = await StoredRowsAsync("VN-09", (r, f) => $"{r.PeriodStart:MM-dd} {r.Version} {f.Place} {f.Disease} {f.NewCases} {f.Deaths} {f.Tests} {f.ImportedCases} {f.InQuarantine} {f.Note}");
        Assert.Equal(80, stored.Count);
        Assert.Equal("08-01 1 VN-09 dengue 0 0 0 0 0 ", stored[0]);
        Assert.Equal("08-01 1 VN-09-DD cholera 100 0   0 chợ, cửa khẩu 0", stored[1]);
        Assert.Equal("09-09 1 VN-09 dengue 39 0 390 4 4 ", stored[78]);
        Assert.Equal("09-09 1 VN-09-DD cholera 139 0   3 chợ, cửa khẩu 39", stored[79]);

        // Guangxi, a partner, reads the figures the bulk write projected.
        var guangxi = await App.SignInAsync("guangxi.officer");
        var figures = await (await guangxi.GetAsync("/api/v1/situation/figures?disease=cholera&kind=Day&from=2026-08-01&to=2026-09-30")).ReadAsync<List<PartyFigures>>();
        Assert.Equal(40, figures.Count(f => f.Party == "VN-09"));
        Assert.Equal(Enumerable.Range(100, 40).Sum(), figures.Where(f => f.Party == "VN-09").Sum(f => f.NewCases));

        var created = await App.WithSystemDbAsync(db => db.AuditEntries.CountAsync(a => a.RecordType == SituationReport.TypeName && a.Action == "create"));
        Assert.Equal(40, created);
        await AssertAuditChainIntactAsync();
    }

    [Fact]
    public async Task A_large_save_that_fails_leaves_nothing_behind_and_its_records_can_be_saved_after()
    {
        var langSon = await App.SignInAsync("langson.officer");
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(langSon, Utf8("period,place,disease,new_cases,deaths\n2026-08-20,Lạng Sơn,dengue,5,0\n"), "one.csv")).StatusCode);
        var before = await CountsAsync();
        var auditLines = await App.WithSystemDbAsync(db => db.AuditEntries.CountAsync());

        await App.WithSystemDbAsync(async db =>
        {
            var agency = await db.Agencies.Where(a => a.PartyCode == "VN-09").Select(a => a.Id).FirstAsync();
            List<SituationReport> Days(int first, int count) => Enumerable.Range(first, count).Select(day => new SituationReport
            {
                OwnerParty = "VN-09", OwnerAgencyId = agency, PeriodKind = PeriodKind.Day, PeriodStart = new DateOnly(2026, 8, 1).AddDays(day),
                Rows = [new SituationRow { Disease = "dengue", Place = "VN-09", NewCases = day, Deaths = 0 }],
            }).ToList();

            // What two imports of the same days at the same moment come to: one of 40 new reports is already there.
            var august = Days(0, 40);
            db.SituationReports.AddRange(august);
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            db.Entry(august.Single(r => r.PeriodStart == new DateOnly(2026, 8, 20))).State = EntityState.Detached;

            // The same save also changes a report someone else has changed meanwhile: it fails after the new reports
            // were written, and still leaves nothing.
            var stale = await db.SituationReports.SingleAsync(r => r.OwnerParty == "VN-09" && r.PeriodStart == new DateOnly(2026, 8, 20));
            await db.SituationReports.Where(r => r.Id == stale.Id).ExecuteUpdateAsync(u => u.SetProperty(r => r.Version, r => r.Version + 1));
            stale.Rows = [new SituationRow { Disease = "dengue", Place = "VN-09", NewCases = 6, Deaths = 0 }];
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync());
            Assert.Equal(before, (await db.SituationReports.CountAsync(), await FigureCountAsync(db)));

            // Without the stale change, the 39 new reports are still there to save, and go in.
            db.Entry(stale).State = EntityState.Detached;
            await db.SaveChangesAsync();
            return 0;
        });
        Assert.Equal((before.Reports + 39, before.Figures + 39), await CountsAsync());
        Assert.Equal(auditLines + 39, await App.WithSystemDbAsync(db => db.AuditEntries.CountAsync()));
        await AssertAuditChainIntactAsync();
    }

    [Fact]
    public async Task Rows_are_stored_compactly_and_read_back_exactly()
    {
        var langSon = await App.SignInAsync("langson.officer");
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(langSon, Utf8("period,place,disease,new_cases,deaths,tests,note\n2026-W40,Lạng Sơn,dengue,5,1,,xin chào\n"), "a.csv")).StatusCode);
        var raw = await App.WithSystemDbAsync(db => db.Database.SqlQueryRaw<string>("SELECT \"Rows\" AS \"Value\" FROM \"SituationReports\"").SingleAsync());
        Assert.Equal("[[\"dengue\",\"VN-09\",5,1,null,null,null,\"xin ch\\u00E0o\"]]", raw);
        Assert.Equal(["VN-09 dengue 5 1   xin chào"], await StoredRowsAsync("VN-09", (_, f) => $"{f.Place} {f.Disease} {f.NewCases} {f.Deaths} {f.Tests} {f.InQuarantine} {f.Note}"));
    }
}
