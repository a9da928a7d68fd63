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
    Web.NodeMetrics metrics, ILogger<Inbox> logger)
{
    public async Task<InboxResult> ReceiveAsync(string message, CancellationToken ct)
    {
        var jws = message;
        if (Encryption.IsJwe(message))
        {
            // Encrypted to one of this node's keys: decrypted first, then the signed message inside is checked as any other.
            var encryptedTo = Encryption.KidOf(message);
            if (encryptedTo is null) return await RefuseAsync(StatusCodes.Status400BadRequest, "malformed encrypted message");
            using var key = await keys.DecryptionKeyAsync(encryptedTo, ct);
            if (key is null) return await RefuseAsync(StatusCodes.Status403Forbidden, $"encrypted to key {encryptedTo}, which is not a key of this node");
            if (Encryption.Unwrap(message, key) is not { } inner)
                return await RefuseAsync(StatusCodes.Status401Unauthorized, $"encrypted message does not decrypt with key {encryptedTo}");
            jws = inner;
        }
        if (Signing.Read(jws) is not { } token) return await RefuseAsync(StatusCodes.Status400BadRequest, "malformed message");
        var kid = token.Kid;
        var now = clock.GetUtcNow();
        var candidates = (await trust.KeysAsync(db, kid, ct)).Where(c => c.Key.IsValidAt(now)).ToList();
        if (candidates.Count == 0) return await RefuseAsync(StatusCodes.Status401Unauthorized, $"unknown or expired key {kid}");

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
            return await RefuseAsync(StatusCodes.Status400BadRequest, "payload is not an envelope");
        }
        if (envelope is null || partner is null)
            return await RefuseAsync(StatusCodes.Status401Unauthorized, $"bad signature (key {kid} of {string.Join(", ", candidates.Select(c => c.Partner.NodeId))})");
        if (envelope.V != Envelope.Version) return await RefuseAsync(StatusCodes.Status400BadRequest, $"unknown protocol version {envelope.V}");
        if (envelope.From != partner.NodeId) return await RefuseAsync(StatusCodes.Status403Forbidden, $"signed by {partner.NodeId} but claims to be from {envelope.From}");
        if (envelope.To != node.Id) return await RefuseAsync(StatusCodes.Status403Forbidden, $"addressed to {envelope.To}, not to this node");
        if (envelope.Kind is not (Envelope.KindRecord or Envelope.KindRetract) || envelope.Record is null)
            return await RefuseAsync(StatusCodes.Status400BadRequest, $"kind {envelope.Kind} without a record");
        if (!partner.PartyList.Contains(envelope.Record.Owner))
            return await RefuseAsync(StatusCodes.Status403Forbidden, $"{partner.NodeId} does not host the owner {envelope.Record.Owner}");

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
            return await RefuseAsync(StatusCodes.Status400BadRequest, $"record body unreadable: {e.Message}");
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

    private async Task<InboxResult> RefuseAsync(int status, string reason)
    {
        logger.LogWarning("Inbox refused a message ({Status}): {Reason}", status, reason);
        metrics.Received("refused");
        db.ChangeTracker.Clear();
        db.Audit(AuditActions.Refused, AuditOutcomes.Denied, detail: $"exchange inbox {status}: {reason}");
        await db.SaveChangesAsync();
        return new InboxResult(status, null, reason);
    }
}
