using System.Text.Json;
using Borderlink.Data;
using Borderlink.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Sharing.Exchange;

/// <summary>What the inbox answers: an HTTP status and, on success, the signed receipt.</summary>
public sealed record InboxResult(int StatusCode, string? Receipt, string? Reason = null);

/// <summary>
/// Receives a partner's signed message (PROTOCOL.md "Inbox"), decrypting it first when it came encrypted to this
/// node's key: verifies sender and signature and reads the record,
/// hands it to the <see cref="InboxGroupCommit"/> that stores and applies it in one transaction — a duplicate applies
/// nothing, a version not above the stored one is stale — and answers with a signed receipt once that transaction has
/// committed. Every refusal is audited.
/// </summary>
public sealed class Inbox(BorderlinkDb db, NodeKeys keys, LocalNode node, TrustCache trust, InboxGroupCommit applier, TimeProvider clock,
    Web.NodeMetrics metrics, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> L, ILogger<Inbox> logger)
{
    public async Task<InboxResult> ReceiveAsync(string message, CancellationToken ct)
    {
        var jws = message;
        if (Encryption.IsJwe(message))
        {
            // Encrypted to one of this node's keys: decrypted first, then the signed message inside is checked as any other.
            var encryptedTo = Encryption.KidOf(message);
            if (encryptedTo is null) return await RefuseAsync(StatusCodes.Status400BadRequest, AuditDetail.Inbox.MalformedEncrypted());
            using var key = await keys.DecryptionKeyAsync(encryptedTo, ct);
            if (key is null) return await RefuseAsync(StatusCodes.Status403Forbidden, AuditDetail.Inbox.NotOurKey(encryptedTo));
            if (Encryption.Unwrap(message, key) is not { } inner)
                return await RefuseAsync(StatusCodes.Status401Unauthorized, AuditDetail.Inbox.DoesNotDecrypt(encryptedTo));
            jws = inner;
        }
        if (Signing.Read(jws) is not { } token) return await RefuseAsync(StatusCodes.Status400BadRequest, AuditDetail.Inbox.Malformed());
        var kid = token.Kid;
        var now = clock.GetUtcNow();
        var candidates = (await trust.KeysAsync(db, kid, ct)).Where(c => c.Key.IsValidAt(now)).ToList();
        if (candidates.Count == 0) return await RefuseAsync(StatusCodes.Status401Unauthorized, AuditDetail.Inbox.UnknownKey(kid));

        Envelope? envelope = null;
        PartnerNode? partner = null;
        try
        {
            foreach (var (key, holder) in candidates)
            {
                envelope = await Signing.VerifyAsync(token, key.Jwk);
                if (envelope is null) continue;
                partner = holder;
                break;
            }
        }
        catch (JsonException)
        {
            return await RefuseAsync(StatusCodes.Status400BadRequest, AuditDetail.Inbox.NotEnvelope());
        }
        if (envelope is null || partner is null)
            return await RefuseAsync(StatusCodes.Status401Unauthorized, AuditDetail.Inbox.BadSignature(kid, candidates.Select(c => c.Partner.NodeId)));
        if (envelope.V != Envelope.Version) return await RefuseAsync(StatusCodes.Status400BadRequest, AuditDetail.Inbox.UnknownVersion(envelope.V));
        if (envelope.From != partner.NodeId) return await RefuseAsync(StatusCodes.Status403Forbidden, AuditDetail.Inbox.ClaimsOther(partner.NodeId, envelope.From));
        if (envelope.To != node.Id) return await RefuseAsync(StatusCodes.Status403Forbidden, AuditDetail.Inbox.NotAddressed(envelope.To));
        if (envelope.Kind is not (Envelope.KindRecord or Envelope.KindRetract) || envelope.Record is null)
            return await RefuseAsync(StatusCodes.Status400BadRequest, AuditDetail.Inbox.NoRecord(envelope.Kind));
        if (!partner.PartyList.Contains(envelope.Record.Owner))
            return await RefuseAsync(StatusCodes.Status403Forbidden, AuditDetail.Inbox.NotHost(partner.NodeId, envelope.Record.Owner));

        // The body is read here, in parallel with other requests; the applier only stores and applies.
        CoordinationRecord? incoming = null;
        try
        {
            if (envelope.Kind == Envelope.KindRecord && RecordTypes.ByName.TryGetValue(envelope.Record.Type, out var type))
            {
                incoming = RecordTypes.Read(type, envelope.Record.Body ?? throw new JsonException("record without body"));
            }
        }
        catch (JsonException e)
        {
            return await RefuseAsync(StatusCodes.Status400BadRequest, AuditDetail.Inbox.UnreadableBody(e.Message));
        }
        var status = await applier.ApplyAsync(new InboxItem(envelope, incoming, now), ct);
        metrics.Received(status);
        // Last contact to the nearest few seconds is enough for the status page; a write per message is not.
        await trust.ContactAsync(db, partner.NodeId, now, ct);
        return new InboxResult(StatusCodes.Status200OK, await ReceiptAsync(envelope, status, now, ct));
    }

    private async Task<string> ReceiptAsync(Envelope envelope, string status, DateTimeOffset now, CancellationToken ct)
    {
        var (_, signing) = await keys.CurrentAsync(ct);
        var receipt = new Envelope(Envelope.Version, Guid.CreateVersion7(), node.Id, envelope.From, now, Envelope.KindReceipt,
            Receipt: new EnvelopeReceipt(envelope.Id, status, now));
        return Signing.Sign(JsonSerializer.Serialize(receipt, Envelope.Json), signing);
    }

    private async Task<InboxResult> RefuseAsync(int status, AuditDetail why)
    {
        // The sender's operator is told in English, the protocol's language; this node's trail keeps the sentence.
        var reason = Web.Languages.In("en", () => AuditDetail.Words(L, why.Stored(), reference: null));
        logger.LogWarning("Inbox refused a message ({Status}): {Reason}", status, reason);
        metrics.Received("refused");
        db.ChangeTracker.Clear();
        db.Audit(AuditActions.Refused, AuditOutcomes.Denied, detail: why);
        await db.SaveChangesAsync();
        return new InboxResult(status, null, reason);
    }
}
