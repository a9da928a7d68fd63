using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Borderlink.Features.Alerts;
using Borderlink.Features.Notes;
using Borderlink.Sharing.Exchange;
using Borderlink.Features.Notifications;
using Borderlink.Tests.Features.Notes;
using Borderlink.Tests.Features.Notifications;
using Borderlink.Tests.Infrastructure;
using Borderlink.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Borderlink.Tests.Sharing;

/// <summary>
/// Federation tests that change what both nodes compute or how they reach each other — a clock moved, a link cut, a card
/// retired, a key rotated, a rule agreed, a node restarted, or a count taken across a whole node — so each starts a pair
/// of its own (<see cref="FederationTests"/> share one).
/// </summary>
public sealed class FederationChangeTests : IAsyncLifetime
{
    private TwoNodes _nodes = default!;

    public async ValueTask InitializeAsync() => _nodes = await TwoNodes.StartAsync();

    public ValueTask DisposeAsync() => _nodes.DisposeAsync();

    [Fact]
    public async Task A_party_is_hosted_by_one_partner_card_until_that_card_is_retired()
    {
        var admin = await _nodes.Vietnam.SignInAsync("langson.admin", "vi");
        var chinaCard = await (await _nodes.China.SignInAsync("guangxi.admin")).GetFromJsonAsync<NodeCard>("/api/v1/exchange/node-card");
        var yunnanCard = chinaCard! with { NodeId = "cn-yn", BaseUrl = "http://cn-yn.test", Parties = ["CN-YN"] };

        // Yunnan is hosted by cn-gx's card: a second card claiming it is refused, naming the card that holds it.
        var refused = await admin.PostAsJsonAsync("/api/v1/exchange/partners", yunnanCard);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var message = (await refused.ReadJsonAsync()).GetProperty("errors").GetProperty("parties")[0].GetString();
        Assert.Contains("cn-gx", message, StringComparison.Ordinal);
        Assert.Contains("CN-YN", message, StringComparison.Ordinal);

        // Retired, the old card sends and accepts nothing more, and the new card is accepted.
        var retired = await admin.PostAsync("/api/v1/exchange/partners/cn-gx/retirement", null);
        Assert.Equal(HttpStatusCode.OK, retired.StatusCode);
        Assert.Equal("retired", (await retired.ReadJsonAsync()).GetProperty("state").GetString());
        Assert.Contains("Đã ngừng dùng", WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/partners")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/exchange/partners", yunnanCard)).StatusCode);

        var langSon = await _nodes.Vietnam.SignInAsync("langson.liaison");
        var note = await langSon.CreateNoteAsync("Sau khi đổi nút đối tác", "Partners", ["CN-GX", "CN-YN"]);
        var queued = await _nodes.Vietnam.WithSystemDbAsync(db => db.OutboxMessages.Where(m => m.RecordId == note.Id).Select(m => m.ToNode).ToListAsync());
        Assert.Equal(["cn-yn"], queued); // not to the retired card; to the card now hosting Yunnan

        // What the retired node still sends is refused and audited.
        var guangxi = await _nodes.China.SignInAsync("guangxi.liaison");
        var fromChina = await guangxi.CreateNoteAsync("Gửi sau khi thẻ bị ngừng", "Partners", ["VN-09"]);
        Assert.True(await TwoNodes.EventuallyAsync(() => _nodes.Vietnam.WithSystemDbAsync(db =>
            db.AuditEntries.AnyAsync(e => e.Action == "refused" && e.Detail!.StartsWith("{\"K\":\"inbox.")))), "the retired node's message was not refused");
        Assert.False(await _nodes.Vietnam.WithSystemDbAsync(db => db.LiaisonNotes.AnyAsync(n => n.Id == fromChina.Id)));
    }

    [Fact]
    public async Task A_notification_crosses_its_clock_runs_on_both_nodes_and_the_late_acknowledgement_comes_back()
    {
        var langSon = await _nodes.Vietnam.SignInAsync("langson.liaison");
        var sent = await langSon.NotifyAsync("Dịch hạch tại Đồng Đăng", disease: "plague");
        var guangxi = await _nodes.China.SignInAsync("guangxi.officer");
        Assert.True(await TwoNodes.EventuallyAsync(async () => (await guangxi.GetAsync($"{NotificationApiClient.Path}/{sent.Id}")).StatusCode == HttpStatusCode.OK),
            "the notification never reached the China node");
        var photo = new byte[300_000];
        new Random(3).NextBytes(photo);
        new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }.CopyTo(photo, 0);
        var upload = new ByteArrayContent(photo);
        upload.Headers.ContentType = new("image/jpeg");
        var attached = await langSon.PostAsync($"{NotificationApiClient.Path}/{sent.Id}/attachments?name=chuot-chet.jpg", upload);
        Assert.Equal(HttpStatusCode.Created, attached.StatusCode);
        var file = await attached.ReadAsync<AttachmentDto>();
        Assert.True(await TwoNodes.EventuallyAsync(async () =>
            {
                var copy = await guangxi.GetAsync($"{NotificationApiClient.Path}/{sent.Id}/attachments/{file.Id}");
                return copy.StatusCode == HttpStatusCode.OK && (await copy.Content.ReadAsByteArrayAsync()).AsSpan().SequenceEqual(photo);
            }), "the photo never reached the China node intact: " + await _nodes.Vietnam.WithSystemDbAsync(async db => string.Join("; ",
                (await db.OutboxMessages.Where(m => m.RecordId == file.Id).ToListAsync()).Select(m => $"{m.Status} {m.Attempts} {m.ReceiptStatus} {m.LastError}"))));
        var replica = await guangxi.GetNotificationAsync(sent.Id);
        Assert.Equal((sent.AcknowledgeBy, "awaiting"), (replica.AcknowledgeBy, Assert.Single(replica.Acknowledgements).State));
        Assert.Equal(HttpStatusCode.NotFound, (await (await _nodes.China.SignInAsync("yunnan.officer")).GetAsync($"{NotificationApiClient.Path}/{sent.Id}")).StatusCode);

        // Three hours later on the China node: its side escalates (it hosts Guangxi, not Lang Son), then Guangxi acknowledges late.
        _nodes.China.Clock.Advance(TimeSpan.FromHours(3));
        // The node's own watch may get there first (the clock jump wakes it); either way it happens once.
        await _nodes.China.WithServiceAsync<EscalateOverdue, int>(e => e.RunAsync());
        Assert.Equal(0, await _nodes.China.WithServiceAsync<EscalateOverdue, int>(e => e.RunAsync()));
        var alerted = await _nodes.China.WithSystemDbAsync(db => db.Alerts.Where(a => a.RecordId == sent.Id)
            .Join(db.Users, a => a.UserId, u => u.Id, (a, u) => u.UserName!).ToListAsync());
        Assert.Equal(["guangxi.coordinator"], alerted);
        guangxi = await _nodes.China.SignInAsync("guangxi.officer");
        Assert.Equal(HttpStatusCode.Created, (await guangxi.AcknowledgeAsync(sent.Id)).StatusCode);

        Assert.True(await TwoNodes.EventuallyAsync(async () =>
                Assert.Single((await langSon.GetNotificationAsync(sent.Id)).Acknowledgements).State == "acknowledged-late"),
            "the acknowledgement never came back to the Vietnam node");
        // Lang Son is told once that Guangxi answered.
        Assert.Equal(1, await _nodes.Vietnam.WithSystemDbAsync(db => db.Alerts.CountAsync(a => a.ForParty == "VN-09" && a.RecordType == "notification-response")));
        _nodes.Vietnam.Clock.Advance(TimeSpan.FromHours(3));
        Assert.Equal(0, await _nodes.Vietnam.WithServiceAsync<EscalateOverdue, int>(e => e.RunAsync()));
    }

    [Fact]
    public async Task Delivery_is_confirmed_by_a_signed_receipt_and_a_link_down_is_retried_until_it_works()
    {
        var langSon = await _nodes.Vietnam.SignInAsync("langson.liaison");
        var admin = await _nodes.Vietnam.SignInAsync("langson.admin", "en");
        async Task<PartnerStatusDto> StatusAsync() => (await (await admin.GetAsync("/api/v1/exchange/partners")).ReadAsync<List<PartnerStatusDto>>()).Single();
        Assert.Equal("never-contacted", (await StatusAsync()).State);
        _nodes.Links.Cut.Add("cn.test");
        var note = await langSon.CreateNoteAsync("Gửi khi mất kết nối", "Partners", ["CN-GX"]);

        Assert.True(await TwoNodes.EventuallyAsync(() => _nodes.Vietnam.WithSystemDbAsync(db =>
            db.OutboxMessages.AnyAsync(m => m.RecordId == note.Id && m.Attempts > 0 && m.Status == OutboxStatus.Pending))), "no failed attempt recorded");
        var status = await StatusAsync();
        Assert.Equal(1, status.Queued);
        Assert.StartsWith("503", status.LastError, StringComparison.Ordinal);
        Assert.Equal(("unreachable", (DateTimeOffset?)_nodes.Vietnam.Clock.GetUtcNow()), (status.State, status.UnreachableSince));
        _nodes.Vietnam.Clock.Advance(TimeSpan.FromSeconds(41));
        var page = await admin.GetStringAsync("/admin/partners");
        Assert.Contains("503 link down", page, StringComparison.Ordinal);
        Assert.Contains("<strong>Unreachable</strong>", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"oldest-cn-gx\">41 s<", page, StringComparison.Ordinal); // seconds under a minute, not "0 min"
        var vietnamese = await (await _nodes.Vietnam.SignInAsync("langson.admin", "vi")).GetStringAsync("/admin/partners");
        Assert.Contains("<strong>Không liên lạc được</strong>", vietnamese, StringComparison.Ordinal);
        var waiting = await admin.GetStringAsync("/admin/partners/cn-gx?status=pending");
        Assert.Contains(note.Id.ToString(), waiting, StringComparison.Ordinal);

        // Still down past five minutes (Exchange:UnreachableAlertSeconds): the administrators get one alert, the liaison none.
        _nodes.Vietnam.Clock.Advance(TimeSpan.FromMinutes(6));
        async Task<List<AlertDto>> OutageAlertsAsync(HttpClient reader) =>
            [.. (await (await reader.GetAsync("/api/v1/alerts?kind=partner-unreachable")).ReadAsync<Paged<AlertDto>>()).Items];
        Assert.True(await TwoNodes.EventuallyAsync(async () => (await OutageAlertsAsync(admin)).Count > 0), "the administrators were not alerted");
        var outage = Assert.Single(await OutageAlertsAsync(admin));
        Assert.Equal(("cn-gx", "/admin/partners"), (outage.Title, outage.Href));
        Assert.Empty(await OutageAlertsAsync(langSon));
        // Said in words: the partner by its parties, not by its node id (which the API keeps as the alert's title).
        var alertsPage = WebUtility.HtmlDecode(await admin.GetStringAsync("/alerts"));
        Assert.Contains("Partner node not answering</a>: the node of Guangxi", alertsPage, StringComparison.Ordinal);
        Assert.Contains("does not answer; since", alertsPage, StringComparison.Ordinal);
        Assert.DoesNotContain(">cn-gx</a>", alertsPage, StringComparison.Ordinal);

        _nodes.Links.Cut.Clear();
        _nodes.Vietnam.Clock.Advance(TimeSpan.FromMinutes(6)); // past the longest backoff
        Assert.True(await TwoNodes.EventuallyAsync(() => _nodes.Vietnam.WithSystemDbAsync(db =>
            db.OutboxMessages.AnyAsync(m => m.RecordId == note.Id && m.Status == OutboxStatus.Delivered && m.ReceiptStatus == ReceiptStatus.Applied))),
            "the message was not delivered after the link came back");
        var recovered = await StatusAsync();
        Assert.Equal(("recovered", (DateTimeOffset?)null, 0, (long?)null), (recovered.State, recovered.UnreachableSince, recovered.Queued, recovered.OldestQueuedSeconds));
        Assert.Contains("<strong>Recovered</strong>", await admin.GetStringAsync("/admin/partners"), StringComparison.Ordinal);
        Assert.Single(await OutageAlertsAsync(admin)); // one alert for the outage, however many rounds failed
    }

    [Fact]
    public async Task A_partner_back_after_a_long_outage_gets_every_waiting_message_at_once_whatever_their_backoff()
    {
        var langSon = await _nodes.Vietnam.SignInAsync("langson.liaison");
        _nodes.Links.Cut.Add("cn.test");
        var notes = new List<Guid>();
        for (var i = 0; i < 20; i++) notes.Add((await langSon.CreateNoteAsync($"Trong lúc mất kết nối {i}", "Partners", ["CN-GX"])).Id);
        Task<List<OutboxMessage>> WaitingAsync() => _nodes.Vietnam.WithSystemDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => notes.Contains(m.RecordId)).ToListAsync());

        // The outage goes on: the clock runs five minutes at a time, each try fails, and each message's backoff grows
        // to minutes (at most Exchange:MaxBackoffSeconds, 5 min, as a real outage reaches it).
        var clock = _nodes.Vietnam.Clock;
        while ((await WaitingAsync()).Min(m => m.Attempts) < 9)
        {
            var before = (await WaitingAsync()).Sum(m => m.Attempts);
            clock.Advance(TimeSpan.FromMinutes(5));
            Assert.True(await TwoNodes.EventuallyAsync(async () => (await WaitingAsync()).Sum(m => m.Attempts) > before), "no retry during the outage");
        }
        var waiting = await WaitingAsync();
        Assert.All(waiting, m => Assert.Equal(OutboxStatus.Pending, m.Status));
        // Past the two probe intervals below and two claim leases (2 × 45 s) beyond them: on PostgreSQL a message due
        // within two leases may be another sender's claim and is left alone.
        Assert.True(waiting.Min(m => m.NextAttemptAt) > clock.GetUtcNow() + TimeSpan.FromSeconds(110), "backoffs did not grow past the probe interval");

        // Positive control: one probe interval while the partner is still down delivers nothing.
        clock.Advance(TimeSpan.FromSeconds(10));
        await Task.Delay(1000);
        Assert.All(await WaitingAsync(), m => Assert.Equal(OutboxStatus.Pending, m.Status));

        // The partner answers again: within one probe interval (10 s), far less than any message's own backoff, all arrive.
        _nodes.Links.Cut.Clear();
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.True(await TwoNodes.EventuallyAsync(async () => (await WaitingAsync()).All(m => m.Status == OutboxStatus.Delivered)),
            "messages still waited out their backoff after the partner came back");
        var guangxi = await _nodes.China.SignInAsync("guangxi.officer");
        var titles = (await (await guangxi.GetAsync("/api/v1/liaison-notes?q=Trong%20l%C3%BAc&pageSize=100")).ReadJsonAsync()).GetProperty("items").EnumerateArray().Count();
        Assert.Equal(20, titles);
    }

    [Fact]
    public async Task Messages_arriving_together_are_committed_together_with_the_same_outcome_as_one_by_one()
    {
        var (_, signing) = await _nodes.Vietnam.WithServiceAsync<NodeKeys, (NodeKey, Microsoft.IdentityModel.Tokens.SecurityKey)>(keys => keys.CurrentAsync());
        var chinaKey = await TwoNodes.CardKeyAsync(_nodes.China);
        var inbox = _nodes.China.Anonymous();
        string Message(Guid record, long version, string kind = Envelope.KindRecord, Guid? messageId = null) =>
            Signing.Sign(JsonSerializer.Serialize(new Envelope(1, messageId ?? Guid.CreateVersion7(), "vn-north", "cn-gx", BorderlinkApp.Start, kind,
                new EnvelopeRecord(LiaisonNote.TypeName, record, "VN-09", version, ["CN-GX"], null, BorderlinkApp.Start,
                    kind == Envelope.KindRecord ? TwoNodes.NoteSnapshot(record, version) : null)), Envelope.Json), signing);
        async Task<string> Post(string jws)
        {
            var response = await inbox.PostAsync("/exchange/v1/inbox", new StringContent(jws, Encoding.ASCII, Envelope.MediaType));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await Signing.VerifyAsync(await response.Content.ReadAsStringAsync(), chinaKey))!.Receipt!.Status;
        }

        // Twenty versions of one note in random order; a note shared, retracted and shared again; one message sent twice.
        var many = Guid.CreateVersion7();
        var back = Guid.CreateVersion7();
        var twice = Message(Guid.CreateVersion7(), 1);
        var before = await _nodes.China.WithSystemDbAsync(db => db.InboxMessages.CountAsync());
        var messages = Enumerable.Range(1, 20).Select(v => Message(many, v)).OrderBy(_ => Random.Shared.Next())
            .Concat([Message(back, 1), Message(back, 2, Envelope.KindRetract), Message(back, 3), twice, twice])
            .ToList();
        var statuses = await Task.WhenAll(messages.Select(Post));

        Assert.Equal([ReceiptStatus.Applied, ReceiptStatus.Duplicate], statuses[^2..].Order());
        var (manyNote, backNote) = await _nodes.China.WithSystemDbAsync(async db =>
            (await db.LiaisonNotes.SingleAsync(n => n.Id == many), await db.LiaisonNotes.SingleOrDefaultAsync(n => n.Id == back)));
        Assert.Equal(("v20", 20L), (manyNote.Title, manyNote.Version));
        Assert.Equal(("v3", 3L), (backNote?.Title, backNote?.Version));
        // Whatever the order, every message has its inbox row and exactly one receipt status; the copy is not stored twice.
        Assert.Equal(24, await _nodes.China.WithSystemDbAsync(db => db.InboxMessages.CountAsync()) - before);
        // They did arrive together: at least one transaction held several of them.
        Assert.True(await _nodes.China.WithSystemDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == Borderlink.Features.Audit.AuditActions.SystemAccess && e.Detail!.StartsWith("{\"K\":\"system.inbox\"") && !e.Detail.Contains("\"n:1\""))),
            "no group of messages was committed together");
        Assert.Equal(0, _nodes.China.Services.GetRequiredService<InboxGroupCommit>().GroupsRetried);
    }

    [Fact]
    public async Task A_key_rotation_keeps_messages_flowing()
    {
        var vnAdmin = await _nodes.Vietnam.SignInAsync("langson.admin");
        var cnAdmin = await _nodes.China.SignInAsync("guangxi.admin");
        var added = await (await vnAdmin.PostAsync("/api/v1/exchange/node-keys", null)).ReadJsonAsync();
        var kid = added.GetProperty("kid").GetString()!;
        var card = await (await vnAdmin.GetAsync("/api/v1/exchange/node-card")).ReadAsync<NodeCard>();
        Assert.Contains(card.Keys, k => k.Jwk.GetProperty("kid").GetString() == kid);
        Assert.Equal(HttpStatusCode.OK, (await cnAdmin.PostAsync("/api/v1/exchange/partners", System.Net.Http.Json.JsonContent.Create(card))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await vnAdmin.PostAsync($"/api/v1/exchange/node-keys/{kid}/activate", null)).StatusCode);

        var note = await (await _nodes.Vietnam.SignInAsync("langson.liaison")).CreateNoteAsync("Sau khi đổi khóa", "Partners", ["CN-GX"]);

        Assert.True(await TwoNodes.VisibleAsync(await _nodes.China.SignInAsync("guangxi.viewer"), note.Id), "a message signed with the new key was not accepted");
        var (current, _) = await _nodes.Vietnam.WithServiceAsync<NodeKeys, (NodeKey, Microsoft.IdentityModel.Tokens.SecurityKey)>(keys => keys.CurrentAsync());
        Assert.Equal(kid, current.Kid);
    }

    [Fact]
    public async Task Messages_kept_for_a_record_type_unknown_when_they_came_are_applied_at_the_next_start_by_the_version_rule()
    {
        // What a release that did not know liaison notes kept: a note's version 2 and, after it, its version 1; another
        // note shared and then withdrawn.
        var note = Guid.CreateVersion7();
        var withdrawn = Guid.CreateVersion7();
        InboxMessage Kept(Guid record, long version, string kind, int second) => new()
        {
            Id = Guid.CreateVersion7(), FromNode = "vn-north", Kind = kind, RecordType = LiaisonNote.TypeName, RecordId = record, Version = version,
            Status = ReceiptStatus.Stored, ReceivedAt = BorderlinkApp.Start.AddSeconds(second),
            UnappliedRecord = JsonSerializer.Serialize(new EnvelopeRecord(LiaisonNote.TypeName, record, "VN-09", version, ["CN-GX"], null, BorderlinkApp.Start,
                kind == Envelope.KindRecord ? TwoNodes.NoteSnapshot(record, version) : null), Envelope.Json),
        };
        var kept = new[] { Kept(note, 2, Envelope.KindRecord, 1), Kept(note, 1, Envelope.KindRecord, 2), Kept(withdrawn, 1, Envelope.KindRecord, 3), Kept(withdrawn, 2, Envelope.KindRetract, 4) };
        await _nodes.China.WithSystemDbAsync(db =>
        {
            db.InboxMessages.AddRange(kept);
            return db.SaveChangesAsync();
        });
        var guangxi = await _nodes.China.SignInAsync("guangxi.viewer");
        Assert.Equal(HttpStatusCode.NotFound, (await guangxi.GetAsync($"{NoteApiClient.Path}/{note}")).StatusCode);

        await RestartAsync(_nodes.China);

        var shown = await (await guangxi.GetAsync($"{NoteApiClient.Path}/{note}")).ReadAsync<NoteDto>();
        Assert.Equal(("v2", 2L, "VN-09"), (shown.Title, shown.Version, shown.OwnerParty));
        Assert.Equal(HttpStatusCode.NotFound, (await guangxi.GetAsync($"{NoteApiClient.Path}/{withdrawn}")).StatusCode);
        var ids = kept.Select(k => k.Id).ToList();
        var statuses = await _nodes.China.WithSystemDbAsync(db => db.InboxMessages.Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => (m.Status, m.UnappliedRecord)));
        Assert.Equal([(ReceiptStatus.Applied, null), (ReceiptStatus.Stale, null), (ReceiptStatus.Applied, null), (ReceiptStatus.Applied, null)],
            kept.Select(k => statuses[k.Id]));
        var state = await _nodes.China.WithSystemDbAsync(db => db.ReplicaStates.SingleAsync(s => s.RecordId == withdrawn));
        Assert.Equal((2L, true), (state.Version, state.Retracted));

        // A second start finds nothing left to apply.
        var audited = await _nodes.China.WithSystemDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "replica-applied"));
        await RestartAsync(_nodes.China);
        Assert.Equal(audited, await _nodes.China.WithSystemDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "replica-applied")));
    }

    [Fact]
    public async Task Both_nodes_compute_the_same_clock_from_a_rule_both_sides_accepted_and_from_each_sides_own_corrections()
    {
        var langSon = await _nodes.Vietnam.SignInAsync("langson.liaison");
        var guangxi = await _nodes.China.SignInAsync("guangxi.liaison");
        var created = await langSon.PostAsJsonAsync("/api/v1/rules", new
        {
            kind = "AcknowledgementHours", subject = "plague", value = 6, parties = new[] { "CN-GX" }, reason = "Cần 6 giờ để xác minh tại thực địa.", language = "vi",
        }, Json.Options);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var rule = await created.ReadAsync<Borderlink.Features.Rules.RuleDto>();
        async Task<Borderlink.Features.Rules.RuleDto> OnAsync(HttpClient client) => await (await client.GetAsync($"/api/v1/rules/{rule.Id}")).ReadAsync<Borderlink.Features.Rules.RuleDto>();

        // It reaches Nanning as a proposal waiting for Guangxi; until Guangxi accepts, the law sets Guangxi's clock.
        Assert.True(await TwoNodes.EventuallyAsync(async () => (await guangxi.GetAsync($"/api/v1/rules/{rule.Id}")).StatusCode == HttpStatusCode.OK),
            "the proposal never reached Nanning");
        Assert.Equal(["CN-GX"], (await OnAsync(guangxi)).Awaiting);
        var byLaw = await guangxi.NotifyAsync("鼠疫疑似病例", disease: "plague", addressees: ["VN-09"], language: "zh-Hans");
        Assert.Null(byLaw.AcknowledgementRuleId);
        Assert.NotEqual(6, byLaw.AcknowledgementHours);

        // Guangxi accepts on its own node; the answer crosses back and both nodes hold the rule in force from the same instant.
        Assert.Equal(HttpStatusCode.Created, (await guangxi.PostAsJsonAsync($"/api/v1/rules/{rule.Id}/answers", new { kind = "Accepted" }, Json.Options)).StatusCode);
        var inNanning = await OnAsync(guangxi);
        Assert.Equal(Borderlink.Features.Rules.RuleState.InForce, inNanning.State);
        Assert.True(await TwoNodes.EventuallyAsync(async () => await OnAsync(langSon) is { State: Borderlink.Features.Rules.RuleState.InForce } inLangSon
            && inLangSon.Since == inNanning.Since), "Guangxi's acceptance never reached Lang Son");

        // Each side's notifications now run on the agreed six hours, and the partner reads the same deadline and the rule that set it.
        var fromNanning = await guangxi.NotifyAsync("鼠疫疑似病例", disease: "plague", addressees: ["VN-09"], language: "zh-Hans");
        Assert.Equal((6, (Guid?)rule.Id), (fromNanning.AcknowledgementHours, fromNanning.AcknowledgementRuleId));
        var fromLangSon = await langSon.NotifyAsync("Dịch hạch tại Đồng Đăng", disease: "plague");
        Assert.Equal((6, (Guid?)rule.Id), (fromLangSon.AcknowledgementHours, fromLangSon.AcknowledgementRuleId));
        Assert.True(await TwoNodes.EventuallyAsync(async () => (await guangxi.GetAsync($"{NotificationApiClient.Path}/{fromLangSon.Id}")).StatusCode == HttpStatusCode.OK),
            "the notification never reached Nanning");
        var replica = await guangxi.GetNotificationAsync(fromLangSon.Id);
        Assert.Equal((6, (Guid?)rule.Id, fromLangSon.AcknowledgeBy), (replica.AcknowledgementHours, replica.AcknowledgementRuleId, replica.AcknowledgeBy));
        Assert.Contains($"href=\"/rules/{rule.Id}\"", await guangxi.GetStringAsync($"/notifications/{fromLangSon.Id}"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await guangxi.GetAsync($"/rules/{rule.Id}")).StatusCode);

        // Lang Son's corrections of what is its own — Viet Nam's reporting hours for a disease, a new place of its — reach
        // the China node, so the law computes the same there; a "correction" of a Guangxi place claimed by Lang Son does not.
        var admin = await _nodes.Vietnam.SignInAsync("langson.admin");
        var cholera = (await (await admin.GetAsync("/api/v1/diseases")).ReadAsync<List<Borderlink.Features.Reference.DiseaseDto>>()).Single(d => d.Code == "cholera");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/diseases/cholera", new
        {
            names = new { nameEn = cholera.NameEn, nameVi = cholera.NameVi, nameZh = cholera.NameZh, nameFr = cholera.NameFr, aliases = cholera.Aliases },
            icd10 = cholera.Icd10, cnClass = cholera.CnClass, vnGroup = cholera.VnGroup, cnReportHours = cholera.CnReportHours, vnReportHours = 1, notifiable = true,
        }, Json.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/places", new
        {
            names = new { nameEn = "Na Sam border market", nameVi = "Chợ biên giới Na Sầm", nameZh = "那岑边贸市场", nameFr = "Marché frontalier de Na Sam", aliases = "Na Sam" },
            code = "VN-09-NASAM", partyCode = "VN-09", parentCode = "VN-09", level = "town",
        }, Json.Options)).StatusCode);
        Assert.True(await TwoNodes.EventuallyAsync(async () =>
                (await (await guangxi.GetAsync("/api/v1/diseases")).ReadAsync<List<Borderlink.Features.Reference.DiseaseDto>>()).Single(d => d.Code == "cholera") is { VnReportHours: 1, AcknowledgementHours: 1 }
                && (await (await guangxi.GetAsync("/api/v1/places?party=VN-09")).ReadAsync<List<Borderlink.Features.Reference.PlaceDto>>()).Any(p => p.Code == "VN-09-NASAM" && p.NameZh == "那岑边贸市场")),
            "Lang Son's corrections never reached the China node");
        Assert.Equal(1, (await guangxi.NotifyAsync("霍乱疑似病例", disease: "cholera", addressees: ["VN-09"], language: "zh-Hans")).AcknowledgementHours);

        var guangxiPlace = await _nodes.China.WithSystemDbAsync(db => db.Places.AsNoTracking().FirstAsync(p => p.PartyCode == "CN-GX" && p.ParentCode != null));
        await _nodes.China.WithSystemDbAsync(async db =>
        {
            var forged = new Borderlink.Features.Reference.ReferenceCorrection
            {
                OwnerParty = "VN-09", OwnerAgencyId = Guid.NewGuid(), OriginNode = "vn-north", Version = 1, Entry = Borderlink.Features.Reference.CorrectedEntry.Place,
                Code = guangxiPlace.Code, NameEn = "Renamed by Lang Son", NameVi = "x", NameZh = "x", NameFr = "x",
            };
            forged.SetVisibility(Borderlink.Sharing.Visibility.Partners, ["CN-GX"], []);
            db.Add(forged);
            return await db.SaveChangesAsync();
        });
        var after = await _nodes.China.WithSystemDbAsync(db => db.Places.AsNoTracking().FirstAsync(p => p.Code == guangxiPlace.Code));
        Assert.Equal((guangxiPlace.NameEn, "CN-GX"), (after.NameEn, after.PartyCode));
        Assert.True(await _nodes.China.WithSystemDbAsync(db => db.AuditEntries.AnyAsync(e => e.Detail!.Contains("reference.correction-not-theirs"))));
    }

    /// <summary>What a node does to its database when it starts.</summary>
    private static Task<int> RestartAsync(BorderlinkApp app) => app.WithServiceAsync<Borderlink.Data.DatabaseStartup, int>(async startup =>
    {
        await startup.RunAsync();
        return 0;
    });
}
