using System.Net;
using System.Net.Http.Json;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Borderlink.Features.Notes;
using Borderlink.Sharing.Exchange;
using Borderlink.Tests.Features.Notes;
using Borderlink.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Tests.Sharing;

/// <summary>
/// DESIGN.md §3 across two nodes: sharing is publication, the owner is the only writer, a replica is read-only. These
/// tests share one pair of nodes: each writes records of its own and looks only at them (or at what no other test here
/// writes), and none moves a clock, cuts a link, changes a card, a key or a rule, or restarts a node — those are
/// <see cref="FederationChangeTests"/>, a pair each. One pair for eight tests instead of eight pairs saves each engine's
/// suite seven pairs of database copies, node starts and sign-ins.
/// </summary>
public sealed class FederationTests(FederationTests.Pair pair) : IClassFixture<FederationTests.Pair>
{
    /// <summary>The two nodes these tests share, started once for the class.</summary>
    public sealed class Pair : IAsyncLifetime
    {
        public TwoNodes Nodes { get; private set; } = default!;
        public async ValueTask InitializeAsync() => Nodes = await TwoNodes.StartAsync();
        public ValueTask DisposeAsync() => Nodes.DisposeAsync();
    }

    private readonly TwoNodes _nodes = pair.Nodes;

    [Fact]
    public async Task A_note_shared_in_Lang_Son_reaches_Guangxi_updates_follow_and_a_retraction_removes_it()
    {
        var langSon = await _nodes.Vietnam.SignInAsync("langson.liaison");
        var guangxi = await _nodes.China.SignInAsync("guangxi.officer");
        var yunnan = await _nodes.China.SignInAsync("yunnan.officer");
        var note = await langSon.CreateNoteAsync("Dịch hạch ở Đồng Đăng", "Partners", ["CN-GX"]);

        Assert.True(await TwoNodes.VisibleAsync(guangxi, note.Id), "the note never reached the China node");
        var replica = await (await guangxi.GetAsync($"{NoteApiClient.Path}/{note.Id}")).ReadAsync<NoteDto>();
        Assert.Equal(("VN-09", 1L, "Dịch hạch ở Đồng Đăng"), (replica.OwnerParty, replica.Version, replica.Title));
        Assert.Equal(HttpStatusCode.NotFound, (await yunnan.GetAsync($"{NoteApiClient.Path}/{note.Id}")).StatusCode);
        var list = await (await guangxi.GetAsync(NoteApiClient.Path)).ReadJsonAsync();
        Assert.Contains(list.GetProperty("items").EnumerateArray(), n => n.GetProperty("id").GetGuid() == note.Id);
        // Its arrival is one alert for Guangxi's users on the China node (and none for Yunnan, hosted there too).
        Task<List<string?>> AlertedAsync() => _nodes.China.WithSystemDbAsync(db => db.Alerts.Where(a => a.RecordId == note.Id).Select(a => a.ForParty).ToListAsync());
        Assert.Equal(["CN-GX"], await AlertedAsync());

        var edited = await langSon.PutAsync($"{NoteApiClient.Path}/{note.Id}", new { title = "Dịch hạch — cập nhật", body = "Đã cách ly", language = "vi" }, 1);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.True(await TwoNodes.VisibleAsync(guangxi, note.Id, n => n.Version == 2 && n.Title == "Dịch hạch — cập nhật"), "the update never arrived");
        Assert.Equal(["CN-GX"], await AlertedAsync()); // an update is not a second alert

        // Guangxi answers on its node; the answer is its own record, travels back, and shows under the note in Lang Son with an alert.
        var answered = await guangxi.PostAsJsonAsync($"/api/v1/records/liaison-note/{note.Id}/replies", new { text = "已收到，正在核实。", language = "zh-Hans" }, Json.Options);
        Assert.Equal(HttpStatusCode.Created, answered.StatusCode);
        var reply = await answered.ReadAsync<Borderlink.Features.Replies.ReplyDto>();
        Assert.True(await TwoNodes.EventuallyAsync(async () =>
            (await (await langSon.GetAsync($"/api/v1/records/liaison-note/{note.Id}/replies")).ReadAsync<List<Borderlink.Features.Replies.ReplyDto>>()).Any(r => r.Id == reply.Id)),
            "the reply never reached Lang Son");
        Assert.Equal(1, await _nodes.Vietnam.WithSystemDbAsync(db => db.Alerts.CountAsync(a => a.RecordId == reply.Id && a.ForParty == "VN-09")));

        // A Guangxi translator puts Lang Son's note into Chinese on the China node: the translation is Guangxi's record,
        // shown beside the note on both nodes, and Lang Son is told once.
        var translator = await _nodes.China.SignInAsync("guangxi.liaison");
        var given = await translator.PostAsJsonAsync("/api/v1/translations",
            new { targetType = "liaison-note", targetId = note.Id, field = "title", language = "zh-Hans", text = "同登鼠疫——最新情况" }, Json.Options);
        Assert.Equal(HttpStatusCode.Created, given.StatusCode);
        var translation = (await given.ReadJsonAsync()).GetProperty("id").GetGuid();
        async Task<bool> ShownAsync(HttpClient client) =>
            (await (await client.GetAsync($"/api/v1/translations?targetType=liaison-note&targetId={note.Id}")).ReadJsonAsync()).EnumerateArray()
                .Any(t => t.GetProperty("text").GetString() == "同登鼠疫——最新情况" && t.GetProperty("ownerParty").GetString() == "CN-GX");
        Assert.True(await ShownAsync(guangxi));
        Assert.True(await TwoNodes.EventuallyAsync(() => ShownAsync(langSon)), "Guangxi's translation never reached Lang Son");
        Assert.Contains("同登鼠疫——最新情况", System.Net.WebUtility.HtmlDecode(await langSon.GetStringAsync($"/notes/{note.Id}")), StringComparison.Ordinal);
        Assert.Equal(1, await _nodes.Vietnam.WithSystemDbAsync(db => db.Alerts.CountAsync(a => a.RecordId == translation && a.ForParty == "VN-09")));

        Assert.Equal(HttpStatusCode.OK, (await langSon.ShareAsync(note.Id, 2, "Internal")).StatusCode);
        Assert.True(await TwoNodes.EventuallyAsync(async () => (await guangxi.GetAsync($"{NoteApiClient.Path}/{note.Id}")).StatusCode == HttpStatusCode.NotFound),
            "the retraction never removed the replica");
        var state = await _nodes.China.WithSystemDbAsync(db => db.ReplicaStates.SingleAsync(s => s.RecordId == note.Id));
        Assert.True(state.Retracted);
        Assert.Equal(3, state.Version);
        Assert.Empty(await AlertedAsync()); // nor does the alert keep the retracted note's title
    }

    [Fact]
    public async Task A_traveller_shared_with_a_stated_reason_arrives_with_the_personal_fields_and_only_that_one()
    {
        const string gate = "HUUNGHI-YOUYIGUAN";
        var officer = await _nodes.Vietnam.SignInAsync("langson.officer");
        var liaison = await _nodes.Vietnam.SignInAsync("langson.liaison");
        var guangxi = await _nodes.China.SignInAsync("guangxi.officer");
        var (positive, other) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        foreach (var (id, name, document) in new[] { (positive, "Trương Minh", "E1234567"), (other, "Lý Thị Hoa", "C7654321") })
        {
            var line = $"{{\"id\":\"{id}\",\"occurredAt\":\"2026-11-22T22:05:00+07:00\",\"kind\":\"Traveller\",\"direction\":\"Entry\",\"purpose\":\"Expert\","
                + $"\"nationality\":\"CN\",\"travellerName\":\"{name}\",\"documentNumber\":\"{document}\",\"healthDeclaration\":true,\"test\":\"Positive\",\"decision\":\"Quarantined\"}}";
            var recorded = await officer.PostAsync($"/api/v1/gates/{gate}/crossings", new StringContent(line, Encoding.UTF8, "application/x-ndjson"));
            Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        }

        var shared = await liaison.PostAsJsonAsync($"/api/v1/crossings/{positive}/share",
            new { audience = new[] { "CN-GX" }, reason = "Ca dương tính nhập cảnh qua Hữu Nghị: phối hợp truy vết" }, Json.Options);
        Assert.Equal(HttpStatusCode.Created, shared.StatusCode);
        var path = shared.Headers.Location!.ToString();
        Assert.True(await TwoNodes.EventuallyAsync(async () => (await guangxi.GetAsync(path)).StatusCode == HttpStatusCode.OK), "the extract never reached the China node");
        var arrived = await (await guangxi.GetAsync(path)).ReadJsonAsync();
        Assert.Equal(("Trương Minh", "E1234567", "Positive"),
            (arrived.GetProperty("travellerName").GetString(), arrived.GetProperty("documentNumber").GetString(), arrived.GetProperty("test").GetString()));
        Assert.Equal("Ca dương tính nhập cảnh qua Hữu Nghị: phối hợp truy vết", arrived.GetProperty("sharedBecause").GetString());

        // Only that traveller crossed: the China node holds nobody else's name, and no crossing record at all.
        var stored = await _nodes.China.WithSystemDbAsync(async db => (
            await db.ScreeningExtracts.Select(e => e.TravellerName).ToListAsync(), await db.Crossings.CountAsync()));
        Assert.Equal(["Trương Minh"], stored.Item1);
        Assert.Equal(0, stored.Item2);
    }

    [Fact]
    public async Task A_replica_is_read_only_and_the_partner_answers_with_its_own_record()
    {
        var langSon = await _nodes.Vietnam.SignInAsync("langson.liaison");
        var guangxi = await _nodes.China.SignInAsync("guangxi.liaison");
        var note = await langSon.CreateNoteAsync("Đề nghị thông tin", "Partners", ["CN-GX"]);
        Assert.True(await TwoNodes.VisibleAsync(guangxi, note.Id));

        Assert.Equal(HttpStatusCode.Forbidden, (await guangxi.PutAsync($"{NoteApiClient.Path}/{note.Id}", new { title = "x", body = "y", language = "zh-Hans" }, 1)).StatusCode);
        var answer = await guangxi.CreateNoteAsync("回复：已加强监测", "Partners", ["VN-09"], language: "zh-Hans");

        var langSonReads = await _nodes.Vietnam.SignInAsync("langson.viewer");
        Assert.True(await TwoNodes.VisibleAsync(langSonReads, answer.Id, n => n.OwnerParty == "CN-GX"), "the answer never reached the Vietnam node");
        var caoBang = await _nodes.Vietnam.SignInAsync("caobang.officer");
        Assert.Equal(HttpStatusCode.NotFound, (await caoBang.GetAsync($"{NoteApiClient.Path}/{answer.Id}")).StatusCode);
    }

    [Fact]
    public async Task Situation_counts_uploaded_in_Lang_Son_reach_the_China_nodes_charts_and_a_correction_replaces_them()
    {
        var langSon = await _nodes.Vietnam.SignInAsync("langson.officer");
        var csv = new StringBuilder("period,place,disease,new_cases,deaths\n");
        foreach (var disease in new[] { "dengue", "cholera", "measles", "malaria" })
        {
            for (var week = 1; week <= 52; week++) csv.Append(CultureInfo.InvariantCulture, $"2025-W{week:00},Lạng Sơn,{disease},{week},0\n");
        }
        var body = new StringContent(csv.ToString(), Encoding.UTF8, "text/csv");
        Assert.Equal(HttpStatusCode.OK, (await langSon.PostAsync("/api/v1/situation-reports/imports?name=2025.csv", body)).StatusCode);

        var guangxi = await _nodes.China.SignInAsync("guangxi.viewer");
        const string figures = "/api/v1/situation/figures?disease=dengue&from=2024-12-30&to=2025-12-31"; // 2025-W01 starts on 2024-12-30
        Assert.True(await TwoNodes.EventuallyAsync(async () => (await (await guangxi.GetAsync(figures)).ReadAsync<List<Borderlink.Features.Situation.PartyFigures>>())
            .Where(f => f.Party == "VN-09").Sum(f => f.NewCases) == 52 * 53 / 2), "the 52 weekly reports never reached the China node's figures: "
            + await _nodes.China.WithSystemDbAsync(async db => $"{await db.SituationReports.CountAsync()} reports, {await db.SituationReports.CountAsync(r => r.Figures != null)} with figures; ")
            + await _nodes.Vietnam.WithSystemDbAsync(async db => string.Join("; ", (await db.OutboxMessages.Where(m => m.RecordType == "situation-report").ToListAsync())
                .GroupBy(m => $"{m.Status} {m.ReceiptStatus} {m.LastError}").Select(g => $"{g.Count()}x {g.Key}"))));

        var fix = new StringContent("period,place,disease,new_cases,deaths\n2025-W10,Lạng Sơn,dengue,100,1\n", Encoding.UTF8, "text/csv");
        Assert.Equal(HttpStatusCode.OK, (await langSon.PostAsync("/api/v1/situation-reports/imports?name=fix.csv&replace=true", fix)).StatusCode);
        Assert.True(await TwoNodes.EventuallyAsync(async () => (await (await guangxi.GetAsync(figures)).ReadAsync<List<Borderlink.Features.Situation.PartyFigures>>())
            .Single(f => f.Party == "VN-09" && f.Start == new DateOnly(2025, 3, 3)).NewCases == 100), "the correction never replaced the replica's figures");
    }

    [Fact]
    public async Task A_record_whose_audience_has_no_party_on_the_partner_node_is_never_sent()
    {
        var langSon = await _nodes.Vietnam.SignInAsync("langson.liaison");
        var note = await langSon.CreateNoteAsync("Chỉ chia sẻ với Cao Bằng", "Partners", ["VN-04"]);
        var internalNote = await langSon.CreateNoteAsync("Nội bộ");
        // Positive control: the same writer's note addressed to Guangxi, hosted on the partner node, does get a message.
        var forGuangxi = await langSon.CreateNoteAsync("Gửi Quảng Tây", "Partners", ["CN-GX"]);

        var messages = await _nodes.Vietnam.WithSystemDbAsync(db => db.OutboxMessages.Where(m => m.RecordId == note.Id || m.RecordId == internalNote.Id).CountAsync());
        Assert.Equal(0, messages);
        Assert.Equal(1, await _nodes.Vietnam.WithSystemDbAsync(db => db.OutboxMessages.CountAsync(m => m.RecordId == forGuangxi.Id)));
    }

    [Fact]
    public async Task Tampered_unknown_key_wrong_addressee_and_replayed_messages_have_no_effect()
    {
        var (kid, signing) = await _nodes.Vietnam.WithServiceAsync<NodeKeys, (NodeKey, Microsoft.IdentityModel.Tokens.SecurityKey)>(keys => keys.CurrentAsync());
        var id = Guid.CreateVersion7();
        string Message(string to, long version, Guid? messageId = null) => JsonSerializer.Serialize(new Envelope(1, messageId ?? Guid.CreateVersion7(), "vn-north", to,
            BorderlinkApp.Start, Envelope.KindRecord, new EnvelopeRecord(LiaisonNote.TypeName, id, "VN-09", version, ["CN-GX"], null, BorderlinkApp.Start,
                TwoNodes.NoteSnapshot(id, version))), Envelope.Json);
        var inbox = _nodes.China.Anonymous();
        Task<HttpResponseMessage> Post(string jws) => inbox.PostAsync("/exchange/v1/inbox", new StringContent(jws, Encoding.ASCII, Envelope.MediaType));

        Task<int> RefusalsAsync() => _nodes.China.WithSystemDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "refused" && e.Detail!.StartsWith("{\"K\":\"inbox.")));
        var refusedBefore = await RefusalsAsync();
        var valid = Signing.Sign(Message("cn-gx", 5), signing);
        var parts = valid.Split('.');
        var tamperedPayload = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(Message("cn-gx", 99));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Post($"{parts[0]}.{tamperedPayload}.{parts[2]}")).StatusCode);

        using var stranger = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var unknown = Signing.Sign(Message("cn-gx", 6), new Microsoft.IdentityModel.Tokens.ECDsaSecurityKey(stranger) { KeyId = "not-on-any-card" });
        Assert.Equal(HttpStatusCode.Unauthorized, (await Post(unknown)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Post(Signing.Sign(Message("somewhere-else", 7), signing))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Post("not a message")).StatusCode);

        var first = await Post(valid);
        var replay = await Post(valid);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(ReceiptStatus.Duplicate, (await Signing.VerifyAsync(await replay.Content.ReadAsStringAsync(), await TwoNodes.CardKeyAsync(_nodes.China)))!.Receipt!.Status);

        var stored = await _nodes.China.WithSystemDbAsync(db => db.LiaisonNotes.SingleAsync(n => n.Id == id));
        Assert.Equal(("v5", 5L, "vn-north"), (stored.Title, stored.Version, stored.OriginNode));
        Assert.Equal(4, await RefusalsAsync() - refusedBefore);
    }

    [Fact]
    public async Task Versions_arriving_out_of_order_end_at_the_highest()
    {
        var (_, signing) = await _nodes.Vietnam.WithServiceAsync<NodeKeys, (NodeKey, Microsoft.IdentityModel.Tokens.SecurityKey)>(keys => keys.CurrentAsync());
        var id = Guid.CreateVersion7();
        var inbox = _nodes.China.Anonymous();
        async Task<string> Send(long version)
        {
            var json = JsonSerializer.Serialize(new Envelope(1, Guid.CreateVersion7(), "vn-north", "cn-gx", BorderlinkApp.Start, Envelope.KindRecord,
                new EnvelopeRecord(LiaisonNote.TypeName, id, "VN-09", version, ["CN-GX"], null, BorderlinkApp.Start,
                    TwoNodes.NoteSnapshot(id, version))), Envelope.Json);
            var response = await inbox.PostAsync("/exchange/v1/inbox", new StringContent(Signing.Sign(json, signing), Encoding.ASCII, Envelope.MediaType));
            return (await Signing.VerifyAsync(await response.Content.ReadAsStringAsync(), await TwoNodes.CardKeyAsync(_nodes.China)))!.Receipt!.Status;
        }

        Assert.Equal(ReceiptStatus.Applied, await Send(3));
        Assert.Equal(ReceiptStatus.Stale, await Send(1));
        Assert.Equal(ReceiptStatus.Stale, await Send(2));
        Assert.Equal(ReceiptStatus.Applied, await Send(4));
        var stored = await _nodes.China.WithSystemDbAsync(db => db.LiaisonNotes.SingleAsync(n => n.Id == id));
        Assert.Equal(("v4", 4L), (stored.Title, stored.Version));
    }

    [Fact]
    public async Task Minutes_written_in_Lang_Son_are_signed_in_Nanning_and_lock_on_both_nodes_and_Guangxis_measure_and_its_progress_travel_back()
    {
        var langSon = await _nodes.Vietnam.SignInAsync("langson.liaison");
        var meeting = await Borderlink.Tests.Features.Minutes.MinutesTests.MeetingAsync(langSon);
        var minutes = await Borderlink.Tests.Features.Minutes.MinutesTests.MinutesAsync(langSon, meeting.Id);
        await Borderlink.Tests.Features.Minutes.MinutesTests.SignAsync(langSon, minutes, "Nguyễn Văn An");

        var guangxi = await _nodes.China.SignInAsync("guangxi.liaison");
        Assert.True(await TwoNodes.EventuallyAsync(async () => (await guangxi.GetAsync($"/api/v1/minutes/{minutes.Id}")).StatusCode == HttpStatusCode.OK
            && (await guangxi.GetAsync($"/api/v1/meetings/{meeting.Id}")).StatusCode == HttpStatusCode.OK), "the minutes never reached Nanning");
        Assert.True(await TwoNodes.EventuallyAsync(async () =>
                (await (await guangxi.GetAsync($"/api/v1/minutes/{minutes.Id}")).ReadAsync<Borderlink.Features.Minutes.MinutesDto>()).AwaitingParties.SequenceEqual(["CN-GX"])),
            "Lang Son's signature never reached Nanning");
        await Borderlink.Tests.Features.Minutes.MinutesTests.SignAsync(guangxi, minutes, "李明");

        Assert.True(await TwoNodes.EventuallyAsync(async () =>
            (await (await langSon.GetAsync($"/api/v1/minutes/{minutes.Id}")).ReadAsync<Borderlink.Features.Minutes.MinutesDto>()).Locked), "Guangxi's signature never locked the minutes in Lang Son");
        Assert.True((await (await guangxi.GetAsync($"/api/v1/minutes/{minutes.Id}")).ReadAsync<Borderlink.Features.Minutes.MinutesDto>()).Locked);

        // Guangxi takes on a measure agreed in those minutes on its own node and reports on it; Lang Son follows it.
        var officer = await _nodes.China.SignInAsync("guangxi.officer");
        var created = await officer.PostAsJsonAsync("/api/v1/measures",
            new { what = "友谊关口岸增设农产品快速通道", language = "zh-Hans", dueOn = "2026-12-31", sourceKind = "Minutes", sourceId = minutes.Id }, Json.Options);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var measure = await created.ReadAsync<Borderlink.Features.Measures.MeasureDto>();
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/v1/measures/{measure.Id}/progress",
            new { status = "InProgress", note = "已完成选址", evidence = "", language = "zh-Hans" }, Json.Options)).StatusCode);
        Assert.True(await TwoNodes.EventuallyAsync(async () =>
        {
            var followUp = await (await langSon.GetAsync($"/api/v1/meetings/{meeting.Id}/follow-up")).ReadAsync<Borderlink.Features.Measures.FollowUpDto>();
            return followUp.Counts.InProgress == 1 && followUp.Measures.Single().Progress.Single().Note == "已完成选址";
        }), "Guangxi's measure and its progress never reached Lang Son's follow-up");
        Assert.Equal(HttpStatusCode.Forbidden, (await (await _nodes.Vietnam.SignInAsync("langson.officer")).PostAsJsonAsync($"/api/v1/measures/{measure.Id}/progress",
            new { status = "Done", note = "x", language = "vi" }, Json.Options)).StatusCode);
    }
}
