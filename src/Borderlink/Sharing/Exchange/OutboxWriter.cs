using System.Text.Json;
using Borderlink.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Borderlink.Sharing.Exchange;

/// <summary>
/// Sharing is publication: for every change to one of this node's records, writes a message for each partner node
/// that hosts a party in the record's audience — the new snapshot, or a retraction when the audience no longer
/// includes it. A step of every save (<see cref="SavePipeline"/>), so the change and its messages commit together or
/// not at all; once they have, the sender is woken.
/// </summary>
public sealed class OutboxWriter(LocalNode node) : ISaveStep
{
    public async Task PrepareAsync(PendingSave save, CancellationToken ct)
    {
        if (await WriteAsync(save.Db, node, save.Now, ct) > 0) save.AfterCommit(node.Ring);
    }

    private static async Task<int> WriteAsync(BorderlinkDb db, LocalNode node, DateTimeOffset now, CancellationToken ct)
    {
        // Each change with the parties that saw the record before it and see it after; one seen by no party outside its
        // owner, before or after, is sent to nobody, and with none of those there is no partner to look up.
        var changes = db.ChangeTracker.Entries<CoordinationRecord>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && !e.Entity.IsReplica)
            .Select(e => (Entry: e, Before: e.State == EntityState.Added ? [] : Audience(e, original: true),
                After: e.State == EntityState.Deleted ? [] : Audience(e, original: false)))
            .Where(c => c.Before.Length > 0 || c.After.Length > 0)
            .ToList();
        if (changes.Count == 0) return 0;
        var partners = await db.PartnerNodes.AsNoTracking().Active().ToListAsync(ct);
        if (partners.Count == 0) return 0;

        var written = 0;
        foreach (var (entry, before, after) in changes)
        {
            var record = entry.Entity;
            foreach (var partner in partners)
            {
                var hosted = partner.PartyList;
                var nowFor = after.Where(hosted.Contains).ToList();
                var wasFor = before.Any(hosted.Contains);
                if (nowFor.Count > 0)
                {
                    Add(db, node, partner.NodeId, Envelope.KindRecord, record, now, new EnvelopeRecord(record.RecordType, record.Id, record.OwnerParty, record.Version,
                        nowFor, record.Visibility == Visibility.Restricted ? record.Restriction : null, record.UpdatedAt, RecordTypes.Snapshot(record)));
                    written++;
                }
                else if (wasFor)
                {
                    Add(db, node, partner.NodeId, Envelope.KindRetract, record, now,
                        new EnvelopeRecord(record.RecordType, record.Id, record.OwnerParty, entry.State == EntityState.Deleted ? record.Version + 1 : record.Version));
                    written++;
                }
            }
        }
        return written;
    }

    private static string[] Audience(EntityEntry<CoordinationRecord> entry, bool original)
    {
        var values = original ? entry.OriginalValues : entry.CurrentValues;
        var visibility = values.GetValue<Visibility>(nameof(CoordinationRecord.Visibility));
        return visibility == Visibility.Internal ? [] : Codes.Split(values.GetValue<string>(nameof(CoordinationRecord.AudienceParties)));
    }

    private static void Add(BorderlinkDb db, LocalNode node, string to, string kind, CoordinationRecord record, DateTimeOffset now, EnvelopeRecord body)
    {
        var message = new OutboxMessage
        {
            ToNode = to, Kind = kind, RecordType = record.RecordType, RecordId = record.Id, Version = body.Version, CreatedAt = now, NextAttemptAt = now, Payload = "",
        };
        message.Payload = JsonSerializer.Serialize(new Envelope(Envelope.Version, message.Id, node.Id, to, now, kind, body), Envelope.Json);
        db.OutboxMessages.Add(message);
    }
}
