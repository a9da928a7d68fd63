using System.Text.Json;
using Borderlink.Data;
using Borderlink.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Sharing.Exchange;

/// <summary>What the inbox answers: an HTTP status and, on success, the signed receipt.</summary>
public sealed record InboxResult(int StatusCode, string? Receipt, string? Reason = null);

/// <summary>
/// Receives a partner's signed message (PROTOCOL.md "Inbox"): verifies sender and signature, stores the message under
/// its id and applies it in the same transaction — a duplicate applies nothing, a version not above the stored one
/// is stale — and answers with a signed receipt. Every refusal is audited.
/// </summary>
public sealed class Inbox(BorderlinkDb db, NodeKeys keys, LocalNode node, TimeProvider clock, ILogger<Inbox> logger)
{
    public async Task<InboxResult> ReceiveAsync(string jws, CancellationToken ct)
    {
        var kid = Signing.KidOf(jws);
        if (kid is null) return await RefuseAsync(StatusCodes.Status400BadRequest, "malformed message");
        var now = clock.GetUtcNow();
        var key = await db.PartnerKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Kid == kid, ct);
        if (key is null || !key.IsValidAt(now)) return await RefuseAsync(StatusCodes.Status401Unauthorized, $"unknown or expired key {kid}");

        Envelope? envelope;
        try
        {
            envelope = await Signing.VerifyAsync(jws, key.Jwk);
        }
        catch (JsonException)
        {
            return await RefuseAsync(StatusCodes.Status400BadRequest, "payload is not an envelope");
        }
        if (envelope is null) return await RefuseAsync(StatusCodes.Status401Unauthorized, $"bad signature (key {kid} of {key.NodeId})");
        if (envelope.V != Envelope.Version) return await RefuseAsync(StatusCodes.Status400BadRequest, $"unknown protocol version {envelope.V}");
        if (envelope.From != key.NodeId) return await RefuseAsync(StatusCodes.Status403Forbidden, $"signed by {key.NodeId} but claims to be from {envelope.From}");
        if (envelope.To != node.Id) return await RefuseAsync(StatusCodes.Status403Forbidden, $"addressed to {envelope.To}, not to this node");
        if (envelope.Kind is not (Envelope.KindRecord or Envelope.KindRetract) || envelope.Record is null)
            return await RefuseAsync(StatusCodes.Status400BadRequest, $"kind {envelope.Kind} without a record");
        var partner = await db.PartnerNodes.AsNoTracking().FirstAsync(p => p.NodeId == key.NodeId, ct);
        if (!partner.PartyList.Contains(envelope.Record.Owner))
            return await RefuseAsync(StatusCodes.Status403Forbidden, $"{partner.NodeId} does not host the owner {envelope.Record.Owner}");

        string status;
        try
        {
            status = await StoreAndApplyAsync(envelope, now, ct);
        }
        catch (JsonException e)
        {
            return await RefuseAsync(StatusCodes.Status400BadRequest, $"record body unreadable: {e.Message}");
        }
        // Last contact to the nearest few seconds is enough for the status page; a write per message is not.
        if (partner.LastContactAt is null || now - partner.LastContactAt > TimeSpan.FromSeconds(5))
        {
            await db.PartnerNodes.Where(p => p.NodeId == partner.NodeId).ExecuteUpdateAsync(s => s.SetProperty(p => p.LastContactAt, now), ct);
        }
        return new InboxResult(StatusCodes.Status200OK, await ReceiptAsync(envelope, status, now, ct));
    }

    private async Task<string> StoreAndApplyAsync(Envelope envelope, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.InboxMessages.AsNoTracking().AnyAsync(m => m.Id == envelope.Id, ct)) return ReceiptStatus.Duplicate;
        var record = envelope.Record!;
        var message = new InboxMessage
        {
            Id = envelope.Id, FromNode = envelope.From, Kind = envelope.Kind, RecordType = record.Type, RecordId = record.Id, Version = record.Version,
            Status = ReceiptStatus.Applied, ReceivedAt = now,
        };
        db.InboxMessages.Add(message);
        // The inbox reads past the visibility filter to find replicas. That bypass is audited by the one line each
        // message writes below (applied, retracted, stale or stored), in the same transaction as its effect.
        using (db.Viewer.EnterSystemScope($"exchange inbox: {envelope.Kind} from {envelope.From}"))
        {
            message.Status = await ApplyAsync(envelope, record, now, message, ct);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // The same message arrived twice at once: the other copy was applied. Anything else is a real error.
                if (await IsDuplicateAsync(envelope.Id, ct)) return ReceiptStatus.Duplicate;
                throw;
            }
        }
        return message.Status;
    }

    private async Task<string> ApplyAsync(Envelope envelope, EnvelopeRecord record, DateTimeOffset now, InboxMessage message, CancellationToken ct)
    {
        if (!RecordTypes.ByName.TryGetValue(record.Type, out var type))
        {
            message.UnappliedRecord = JsonSerializer.Serialize(record, Envelope.Json);
            db.Audit("replica-stored", AuditOutcomes.Ok, recordType: record.Type, recordId: record.Id, detail: $"unknown type, kept; from {envelope.From} v{record.Version}");
            return ReceiptStatus.Stored;
        }
        var state = await db.ReplicaStates.FirstOrDefaultAsync(s => s.RecordType == record.Type && s.RecordId == record.Id, ct);
        if (state is not null && record.Version <= state.Version)
        {
            db.Audit("replica-stale", AuditOutcomes.Ok, recordType: record.Type, recordId: record.Id, detail: $"from {envelope.From} v{record.Version}, have v{state.Version}");
            return ReceiptStatus.Stale;
        }
        state ??= db.ReplicaStates.Add(new ReplicaState { RecordType = record.Type, RecordId = record.Id, OwnerNode = envelope.From, OwnerParty = record.Owner }).Entity;
        state.Version = record.Version;
        state.UpdatedAt = now;

        var existing = (CoordinationRecord?)await db.FindAsync(type, [record.Id], ct);
        if (existing is { IsReplica: false })
        {
            // A partner cannot overwrite one of our own records; the id collision is recorded and nothing changes.
            db.Audit(AuditActions.Refused, AuditOutcomes.Denied, existing, $"partner {envelope.From} sent a record with the id of a local record");
            return ReceiptStatus.Stale;
        }
        if (envelope.Kind == Envelope.KindRetract)
        {
            state.Retracted = true;
            if (existing is not null) db.Remove(existing);
            db.Audit("replica-retracted", AuditOutcomes.Ok, recordType: record.Type, recordId: record.Id, detail: $"from {envelope.From} v{record.Version}");
            return ReceiptStatus.Applied;
        }

        state.Retracted = false;
        var incoming = RecordTypes.Read(type, record.Body ?? throw new JsonException("record without body"));
        var target = existing ?? (CoordinationRecord)db.Add(incoming).Entity;
        if (existing is not null) RecordTypes.CopyOnto(incoming, existing);
        target.Id = record.Id;
        target.OwnerParty = record.Owner;
        target.OriginNode = envelope.From;
        target.Version = record.Version;
        // Only parties hosted here matter on this node; the envelope already names no others.
        var audience = (record.Audience ?? []).Where(node.Hosts).ToList();
        target.AudienceParties = "";
        target.SetVisibility(record.RestrictedTo is { Count: > 0 } ? Visibility.Restricted : Visibility.Partners, audience, record.RestrictedTo ?? []);
        db.Audit("replica-applied", AuditOutcomes.Ok, target, $"from {envelope.From} v{record.Version}");
        return ReceiptStatus.Applied;
    }

    private async Task<bool> IsDuplicateAsync(Guid id, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        return await db.InboxMessages.AsNoTracking().AnyAsync(m => m.Id == id, ct);
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
        db.ChangeTracker.Clear();
        db.Audit(AuditActions.Refused, AuditOutcomes.Denied, detail: $"exchange inbox {status}: {reason}");
        await db.SaveChangesAsync();
        return new InboxResult(status, null, reason);
    }
}
