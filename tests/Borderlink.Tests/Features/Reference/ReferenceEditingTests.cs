using System.Net;
using System.Net.Http.Json;
using Borderlink.Features.Gazetteer;
using Borderlink.Features.Reference;
using Borderlink.Tests.Infrastructure;

namespace Borderlink.Tests.Features.Reference;

/// <summary>
/// Reference data is data: administrators correct it in the running system, and what depends on it follows.
/// On an app of its own, because it changes reference data other tests rely on.
/// </summary>
public sealed class ReferenceEditingTests : OwnAppTest
{

    private static object Names(DiseaseDto d, string? aliases = null) =>
        new { nameEn = d.NameEn, nameVi = d.NameVi, nameZh = d.NameZh, nameFr = d.NameFr, aliases = aliases ?? d.Aliases };

    [Fact]
    public async Task An_administrator_corrects_its_countrys_reporting_hours_and_the_legal_deadline_follows_and_a_viewer_cannot()
    {
        var admin = await App.SignInAsync("guangxi.admin");
        var diseases = await (await admin.GetAsync("/api/v1/diseases")).ReadAsync<List<DiseaseDto>>();
        var dengue = diseases.Single(d => d.Code == "dengue");
        Assert.Equal(24, dengue.AcknowledgementHours);

        var body = new { names = Names(dengue, "Dengue fever|登革出血热"), icd10 = dengue.Icd10, cnClass = dengue.CnClass, vnGroup = dengue.VnGroup,
            cnReportHours = 12, vnReportHours = dengue.VnReportHours, notifiable = true };
        var viewer = await App.SignInAsync("guangxi.viewer");
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PutAsJsonAsync("/api/v1/diseases/dengue", body, Json.Options)).StatusCode);
        var saved = await admin.PutAsJsonAsync("/api/v1/diseases/dengue", body, Json.Options);

        // China's law now asks for 12 hours: the legal deadline is the stricter of the two countries' hours.
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var after = (await (await viewer.GetAsync("/api/v1/diseases")).ReadAsync<List<DiseaseDto>>()).Single(d => d.Code == "dengue");
        Assert.Equal((12, 12), (after.CnReportHours, after.AcknowledgementHours));
        Assert.Equal("Dengue fever|登革出血热", after.Aliases);
        var audited = await App.WithSystemDbAsync(db => Task.FromResult(db.AuditEntries.Any(e => e.Actor == "guangxi.admin" && e.Detail!.StartsWith("{\"K\":\"reference.saved\",\"A\":[\"w:AuditReference.disease\",\"x:dengue\""))));
        Assert.True(audited);
        // The trail names what changed in the reader's words, not by the program's property names.
        var trail = System.Net.WebUtility.HtmlDecode(await (await App.SignInAsync("guangxi.admin", "vi")).GetStringAsync("/admin/audit"));
        Assert.Contains("thời hạn báo cáo của Trung Quốc", trail, StringComparison.Ordinal);
        Assert.DoesNotContain("CnReportHours", trail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_party_corrects_only_its_own_places_its_side_of_a_gate_pair_and_its_countrys_law()
    {
        var admin = await App.SignInAsync("langson.admin", "en");
        var diseases = await (await admin.GetAsync("/api/v1/diseases")).ReadAsync<List<DiseaseDto>>();
        var plague = diseases.Single(d => d.Code == "plague");
        object Disease(int? cn, int? vn) => new
        {
            names = Names(plague), icd10 = plague.Icd10, cnClass = plague.CnClass, vnGroup = plague.VnGroup,
            cnReportHours = cn, vnReportHours = vn, notifiable = true,
        };

        // China's reporting hours are China's law: Lang Son cannot change them, and Guangxi's clock stays as it was.
        var chinas = await admin.PutAsJsonAsync("/api/v1/diseases/plague", Disease(72, plague.VnReportHours), Json.Options);
        Assert.Equal(HttpStatusCode.BadRequest, chinas.StatusCode);
        Assert.True((await chinas.ReadJsonAsync()).GetProperty("errors").TryGetProperty("cnReportHours", out _));
        var unchanged = (await (await admin.GetAsync("/api/v1/diseases")).ReadAsync<List<DiseaseDto>>()).Single(d => d.Code == "plague");
        Assert.Equal((plague.CnReportHours, plague.AcknowledgementHours), (unchanged.CnReportHours, unchanged.AcknowledgementHours));
        // Positive control: Viet Nam's column is Lang Son's to correct.
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/diseases/plague", Disease(plague.CnReportHours, 6), Json.Options)).StatusCode);

        // A gate pair of Cao Bang and Guangxi is not Lang Son's; on its own pair it names only its own gate.
        var pairs = await (await admin.GetAsync("/api/v1/gate-pairs")).ReadAsync<List<GatePairDto>>();
        object Pair(GatePairDto g, string vnGate, string cnGate) => new
        {
            names = new { nameEn = g.NameEn, nameVi = g.NameVi, nameZh = g.NameZh, nameFr = g.NameFr, aliases = g.Aliases },
            vnGate, cnGate, level = g.Level, flows = g.Flows,
        };
        var taLung = pairs.Single(g => g.Code == "TALUNG-SHUIKOU");
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PutAsJsonAsync("/api/v1/gate-pairs/TALUNG-SHUIKOU", Pair(taLung, "x", taLung.CnGate), Json.Options)).StatusCode);
        var huuNghi = pairs.Single(g => g.Code == "HUUNGHI-YOUYIGUAN");
        var otherSide = await admin.PutAsJsonAsync("/api/v1/gate-pairs/HUUNGHI-YOUYIGUAN", Pair(huuNghi, huuNghi.VnGate, "友谊关口岸（改）"), Json.Options);
        Assert.Equal(HttpStatusCode.BadRequest, otherSide.StatusCode);
        Assert.True((await otherSide.ReadJsonAsync()).GetProperty("errors").TryGetProperty("cnGate", out _));
        Assert.Equal(HttpStatusCode.OK,
            (await admin.PutAsJsonAsync("/api/v1/gate-pairs/HUUNGHI-YOUYIGUAN", Pair(huuNghi, "Cửa khẩu quốc tế Hữu Nghị", huuNghi.CnGate), Json.Options)).StatusCode);

        // Places: none under another party, its own freely.
        object Place(string code, string party) => new
        {
            names = new { nameEn = "Test " + code, nameVi = "Thử " + code, nameZh = "测试" + code, nameFr = "Essai " + code, aliases = "" },
            code, partyCode = party, parentCode = party, level = "town",
        };
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsJsonAsync("/api/v1/places", Place("CN-GX-ZZ1", "CN-GX"), Json.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PutAsJsonAsync("/api/v1/places/CN-GX-PX", Place("CN-GX-PX", "VN-09"), Json.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/places", Place("VN-09-ZZ1", "VN-09"), Json.Options)).StatusCode);
        var refusals = await App.WithSystemDbAsync(db => Task.FromResult(db.AuditEntries.Count(e => e.Actor == "langson.admin" && e.Action == "refused")));
        Assert.True(refusals >= 4, $"{refusals} refusals audited");
    }

    [Fact]
    public async Task A_new_spelling_added_to_a_place_is_found_by_the_gazetteer_at_once()
    {
        var admin = await App.SignInAsync("langson.admin", "en");
        var before = await (await admin.GetAsync("/api/v1/gazetteer?q=Xu%20Lang")).ReadAsync<List<GazetteerResultDto>>();
        Assert.DoesNotContain(before, r => r.Code == "VN-09-LS");

        var response = await Forms.PostAsync(admin, "/admin/reference/places/VN-09-LS", "/admin/reference/places/VN-09-LS", "place",
        [
            new("Form.NameVi", "Lạng Sơn"), new("Form.NameZh", "谅山市"), new("Form.NameEn", "Lang Son"), new("Form.NameFr", "Lang Son"),
            new("Form.Aliases", "Langson\nXu Lang"), new("Form.PartyCode", "VN-09"), new("Form.ParentCode", "VN-09"), new("Form.Level", "city"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var after = await (await admin.GetAsync("/api/v1/gazetteer?q=Xu%20Lang")).ReadAsync<List<GazetteerResultDto>>();
        Assert.Equal("VN-09-LS", after[0].Code);
    }

    [Fact]
    public async Task An_administrator_corrects_only_their_own_party_and_gets_localized_errors()
    {
        var admin = await App.SignInAsync("caobang.admin", "vi");
        var parties = await (await admin.GetAsync("/api/v1/parties")).ReadAsync<List<PartyDto>>();
        var guangxi = parties.Single(p => p.Code == "CN-GX");
        var caoBang = parties.Single(p => p.Code == "VN-04");
        object Body(PartyDto p, string zone, string nameVi) => new
        {
            names = new { nameEn = p.NameEn, nameVi, nameZh = p.NameZh, nameFr = p.NameFr, aliases = p.Aliases },
            timeZone = zone, validFrom = p.ValidFrom, validTo = p.ValidTo, successorCode = p.SuccessorCode,
        };

        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PutAsJsonAsync("/api/v1/parties/CN-GX", Body(guangxi, guangxi.TimeZone, "x"), Json.Options)).StatusCode);
        var badZone = await admin.PutAsJsonAsync("/api/v1/parties/VN-04", Body(caoBang, "Mars/Olympus", caoBang.NameVi), Json.Options);
        Assert.Equal(HttpStatusCode.BadRequest, badZone.StatusCode);
        Assert.StartsWith("Múi giờ không xác định", (await badZone.ReadJsonAsync()).GetProperty("errors").GetProperty("timeZone")[0].GetString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/parties/VN-04", Body(caoBang, caoBang.TimeZone, "Tỉnh Cao Bằng (biên giới)"), Json.Options)).StatusCode);
        Assert.Contains("Tỉnh Cao Bằng (biên giới)", await admin.GetStringAsync("/"), StringComparison.Ordinal);
    }
}
