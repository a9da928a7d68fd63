using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Borderlink.Features.Notes;
using Borderlink.Sharing.Exchange;
using Borderlink.Tests.Features.Notes;
using Borderlink.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Borderlink.Tests.Sharing;

/// <summary>
/// PROTOCOL.md "Confidentiality": with Exchange:Encrypt on, what crosses is a JWE to the receiver's encryption key
/// (ECDH-ES+A256KW, A256GCM) around the signed message; nothing on the way can read it, and the receiver opens it,
/// checks the signature inside and applies it as any other message.
/// </summary>
public sealed class EncryptedExchangeTests : IAsyncLifetime
{
    private TwoNodes _nodes = default!;

    public async ValueTask InitializeAsync() => _nodes = await TwoNodes.StartAsync(("Exchange:Encrypt", "true"));

    public ValueTask DisposeAsync() => _nodes.DisposeAsync();

    [Fact]
    public async Task Notes_cross_both_ways_as_JWEs_that_only_the_receiving_node_can_open()
    {
        var langSon = await _nodes.Vietnam.SignInAsync("langson.liaison");
        var guangxi = await _nodes.China.SignInAsync("guangxi.liaison");
        var toChina = await langSon.CreateNoteAsync("Dịch hạch ở Đồng Đăng", "Partners", ["CN-GX"]);
        var toVietnam = await guangxi.CreateNoteAsync("凭祥口岸鼠疫防控", "Partners", ["VN-09"]);

        Assert.True(await TwoNodes.VisibleAsync(await _nodes.China.SignInAsync("guangxi.viewer"), toChina.Id), "the encrypted note never reached the China node");
        Assert.True(await TwoNodes.VisibleAsync(await _nodes.Vietnam.SignInAsync("langson.viewer"), toVietnam.Id), "the encrypted note never reached the Vietnam node");

        foreach (var (host, receiver, recordId) in new[] { ("cn.test", _nodes.China, toChina.Id), ("vn.test", _nodes.Vietnam, toVietnam.Id) })
        {
            var (encryptionKid, key) = await EncryptionKeyAsync(receiver);
            var bodies = _nodes.Links.InboxBodies.Where(b => b.Host == host).Select(b => b.Body).ToList();
            Assert.NotEmpty(bodies);
            foreach (var body in bodies)
            {
                Assert.True(Encryption.IsJwe(body), $"a message to {host} went as {body[..Math.Min(40, body.Length)]}…");
                var header = Jose.JWT.Headers(body);
                Assert.Equal((Encryption.KeyAlgorithm, Encryption.ContentAlgorithm, encryptionKid, Encryption.ContentType),
                    ((string)header["alg"], (string)header["enc"], (string)header["kid"], (string)header["cty"]));
                // Inside is the signed message; its payload does not appear on the wire.
                var jws = Encryption.Unwrap(body, key);
                Assert.NotNull(jws);
                Assert.Equal(3, jws.Split('.').Length);
                Assert.DoesNotContain(jws.Split('.')[1], body);
            }
            var opened = bodies.Select(b => Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(Encryption.Unwrap(b, key)!.Split('.')[1])));
            Assert.Contains(opened, payload => payload.Contains(recordId.ToString(), StringComparison.Ordinal));
        }

        // Administrators see the setting and the partner's keys to encrypt to.
        var page = await (await _nodes.China.SignInAsync("guangxi.admin")).GetStringAsync("/admin/partners");
        Assert.Contains("data-testid=\"encryption-setting\"", page);
        Assert.Contains((await EncryptionKeyAsync(_nodes.Vietnam)).Kid, page);
    }

    [Fact]
    public async Task An_encrypted_message_altered_or_encrypted_to_another_key_is_refused_audited_and_has_no_effect()
    {
        var signing = await _nodes.Vietnam.WithServiceAsync<NodeKeys, Microsoft.IdentityModel.Tokens.SecurityKey>(async keys => (await keys.CurrentAsync()).Signing);
        var card = await (await (await _nodes.China.SignInAsync("guangxi.admin")).GetAsync("/api/v1/exchange/node-card")).ReadAsync<NodeCard>();
        var chinaEncryption = card.Keys.Select(k => k.Jwk).Single(k => k.GetProperty("use").GetString() == "enc");
        var toChina = new PartnerKey { NodeId = "cn-gx", Kid = chinaEncryption.GetProperty("kid").GetString()!, Jwk = chinaEncryption.GetRawText() };
        var inbox = _nodes.China.Anonymous();
        Task<HttpResponseMessage> Post(string body) => inbox.PostAsync("/exchange/v1/inbox", new StringContent(body, Encoding.ASCII, Envelope.MediaType));
        var id = Guid.CreateVersion7();
        string Signed(long version) => Signing.Sign(JsonSerializer.Serialize(new Envelope(1, Guid.CreateVersion7(), "vn-north", "cn-gx", BorderlinkApp.Start,
            Envelope.KindRecord, new EnvelopeRecord(LiaisonNote.TypeName, id, "VN-09", version, ["CN-GX"], null, BorderlinkApp.Start,
                TwoNodes.NoteSnapshot(id, version))),
            Envelope.Json), signing);

        // Altered on the way: one character of the ciphertext changed.
        var parts = Encryption.Wrap(Signed(5), toChina).Split('.');
        parts[3] = (parts[3][0] == 'A' ? "B" : "A") + parts[3][1..];
        Assert.Equal(HttpStatusCode.Unauthorized, (await Post(string.Join('.', parts))).StatusCode);

        // Encrypted to a key that is not China's (its kid claimed, then a kid of its own).
        using var stranger = System.Security.Cryptography.ECDiffieHellman.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var point = stranger.ExportParameters(false).Q;
        var strangerJwk = JsonSerializer.Serialize(new NodeKeys.Jwk("EC", "P-256", Jose.Base64Url.Encode(point.X), Jose.Base64Url.Encode(point.Y), "stranger", "enc",
            Encryption.KeyAlgorithm));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Post(Encryption.Wrap(Signed(6), new PartnerKey { NodeId = "x", Kid = toChina.Kid, Jwk = strangerJwk }))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Post(Encryption.Wrap(Signed(7), new PartnerKey { NodeId = "x", Kid = "stranger", Jwk = strangerJwk }))).StatusCode);

        // Five parts that are no JWE of ours: not one at all, another key agreement, a compressed one (never inflated).
        Assert.Equal(HttpStatusCode.BadRequest, (await Post("a.b.c.d.e")).StatusCode);
        using (var china = System.Security.Cryptography.ECDiffieHellman.Create(new System.Security.Cryptography.ECParameters
        {
            Curve = System.Security.Cryptography.ECCurve.NamedCurves.nistP256,
            Q = new System.Security.Cryptography.ECPoint
            {
                X = Jose.Base64Url.Decode(chinaEncryption.GetProperty("x").GetString()), Y = Jose.Base64Url.Decode(chinaEncryption.GetProperty("y").GetString()),
            },
        }))
        {
            var headers = new Dictionary<string, object> { ["kid"] = toChina.Kid };
            Assert.Equal(HttpStatusCode.BadRequest,
                (await Post(Jose.JWT.Encode(Signed(9), china, Jose.JweAlgorithm.ECDH_ES, Jose.JweEncryption.A256GCM, extraHeaders: headers))).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await Post(Jose.JWT.Encode(Signed(10), china, Jose.JweAlgorithm.ECDH_ES_A256KW, Jose.JweEncryption.A256GCM,
                Jose.JweCompression.DEF, extraHeaders: headers))).StatusCode);
        }

        Assert.False(await _nodes.China.WithSystemDbAsync(db => db.LiaisonNotes.AnyAsync(n => n.Id == id)), "a refused message left a record");
        var refusals = await _nodes.China.WithSystemDbAsync(db => db.AuditEntries.Where(e => e.Action == "refused" && e.Detail!.StartsWith("{\"K\":\"inbox."))
            .Select(e => e.Detail!).ToListAsync());
        Assert.Equal(6, refusals.Count);
        Assert.Contains(refusals, r => r.Contains("inbox.does-not-decrypt", StringComparison.Ordinal));
        Assert.Contains(refusals, r => r.Contains("inbox.not-our-key", StringComparison.Ordinal));

        // The same message, encrypted as it should be, is applied.
        var good = await Post(Encryption.Wrap(Signed(8), toChina));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        var stored = await _nodes.China.WithSystemDbAsync(db => db.LiaisonNotes.SingleAsync(n => n.Id == id));
        Assert.Equal(("v8", 8L), (stored.Title, stored.Version));
    }

    [Fact]
    public async Task A_partner_whose_card_has_no_encryption_key_gets_nothing_in_clear_until_its_current_card_is_imported()
    {
        var vnAdmin = await _nodes.Vietnam.SignInAsync("langson.admin");
        var card = await (await (await _nodes.China.SignInAsync("guangxi.admin")).GetAsync("/api/v1/exchange/node-card")).ReadAsync<NodeCard>();
        // A card as an earlier release exported it: signing keys only.
        var old = card with { Keys = card.Keys.Where(k => !k.Jwk.TryGetProperty("use", out var use) || use.GetString() != "enc").ToList() };
        Assert.Equal(HttpStatusCode.OK, (await vnAdmin.PostAsJsonAsync("/api/v1/exchange/partners", old)).StatusCode);
        _nodes.Links.InboxBodies.Clear();

        var note = await (await _nodes.Vietnam.SignInAsync("langson.liaison")).CreateNoteAsync("Chưa mã hóa được", "Partners", ["CN-GX"]);
        var waiting = await _nodes.Vietnam.WithSystemDbAsync(async db =>
        {
            OutboxMessage? message = null;
            await TwoNodes.EventuallyAsync(async () =>
                (message = await db.OutboxMessages.AsNoTracking().SingleOrDefaultAsync(m => m.RecordId == note.Id && m.LastError != null)) is not null);
            return message;
        });
        Assert.NotNull(waiting);
        Assert.Equal(OutboxStatus.Pending, waiting.Status);
        Assert.Contains("no valid encryption key", waiting.LastError);
        Assert.DoesNotContain(_nodes.Links.InboxBodies, b => b.Host == "cn.test");

        Assert.Equal(HttpStatusCode.OK, (await vnAdmin.PostAsJsonAsync("/api/v1/exchange/partners", card)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await vnAdmin.PostAsync("/api/v1/exchange/partners/cn-gx/retry", null)).StatusCode);
        Assert.True(await TwoNodes.VisibleAsync(await _nodes.China.SignInAsync("guangxi.viewer"), note.Id), "the note did not cross once the card had an encryption key");
        Assert.All(_nodes.Links.InboxBodies.Where(b => b.Host == "cn.test"), b => Assert.True(Encryption.IsJwe(b.Body)));
    }

    [Fact]
    public async Task A_signing_key_made_before_encryption_keys_gets_one_and_the_card_offers_it()
    {
        var (kid, _) = await EncryptionKeyAsync(_nodes.China);
        // As an earlier release left it: a signing key alone.
        await _nodes.China.WithSystemDbAsync(db => db.NodeKeys.ExecuteUpdateAsync(s => s
            .SetProperty(k => k.EncryptionKid, (string?)null).SetProperty(k => k.EncryptionJwk, (string?)null).SetProperty(k => k.ProtectedEncryptionKey, (string?)null)));
        _nodes.China.Services.GetRequiredService<TrustCache>().Invalidate();

        var card = await (await (await _nodes.China.SignInAsync("guangxi.admin")).GetAsync("/api/v1/exchange/node-card")).ReadAsync<NodeCard>();
        var offered = card.Keys.Select(k => k.Jwk).Where(k => k.TryGetProperty("use", out var use) && use.GetString() == "enc").ToList();
        var (backfilled, key) = await EncryptionKeyAsync(_nodes.China);
        Assert.NotEqual(kid, backfilled);
        Assert.Equal([backfilled], offered.Select(k => k.GetProperty("kid").GetString()));
        Assert.NotNull(key);
        Assert.True(await _nodes.China.WithSystemDbAsync(db => db.AuditEntries.AnyAsync(e => e.Detail == Borderlink.Features.Audit.AuditDetail.EncryptionKeyCreated(backfilled!,
            card.Keys[0].Jwk.GetProperty("kid").GetString()!).Stored())));

        // Vietnam imports the card and what it sends is encrypted to the new key and applied.
        Assert.Equal(HttpStatusCode.OK, (await (await _nodes.Vietnam.SignInAsync("langson.admin")).PostAsJsonAsync("/api/v1/exchange/partners", card)).StatusCode);
        _nodes.Links.InboxBodies.Clear();
        var note = await (await _nodes.Vietnam.SignInAsync("langson.liaison")).CreateNoteAsync("Khóa mới", "Partners", ["CN-GX"]);
        Assert.True(await TwoNodes.VisibleAsync(await _nodes.China.SignInAsync("guangxi.viewer"), note.Id), "the note did not cross with the backfilled key");
        Assert.All(_nodes.Links.InboxBodies.Where(b => b.Host == "cn.test"), b => Assert.Equal(backfilled, (string)Jose.JWT.Headers(b.Body)["kid"]));
    }

    private static async Task<(string Kid, System.Security.Cryptography.ECDiffieHellman Key)> EncryptionKeyAsync(BorderlinkApp node) =>
        await node.WithServiceAsync<NodeKeys, (string, System.Security.Cryptography.ECDiffieHellman)>(async keys =>
        {
            var (current, _) = await keys.CurrentAsync();
            return (current.EncryptionKid!, (await keys.DecryptionKeyAsync(current.EncryptionKid!))!);
        });
}
