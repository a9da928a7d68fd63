using System.Text.Json;
using System.Threading.Channels;
using Borderlink.Data;
using Borderlink.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace Borderlink.Sharing.Exchange;

/// <summary>
/// Stores and applies verified inbox messages (PROTOCOL.md "Inbox") in groups: the messages that arrived while the
/// previous group was committing go in one transaction, with one commit. Each message still gets its own inbox row,
/// its own audit line (chained after the commit, as every save's) and its own status, and its sender gets a receipt
/// only after the commit that holds it. A group that fails is retried one message at a time, so one bad message costs
/// only itself. One applier per process; several processes on one database are kept apart by the inbox's unique
/// message id.
/// </summary>
public sealed class InboxGroupCommit(IServiceScopeFactory scopes, LocalNode node, ILogger<InboxGroupCommit> logger) : BackgroundService
{
    /// <summary>Most messages in one transaction: enough to pay one commit for many, few enough to keep a transaction short.</summary>
    public const int MaxGroup = 200;

    private int _groupsRetried;

    /// <summary>Groups that failed as a whole and were applied one message at a time since start (each is logged).</summary>
    public int GroupsRetried => Volatile.Read(ref _groupsRetried);

    private readonly Channel<InboxItem> _queue = Channel.CreateUnbounded<InboxItem>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Queues a verified message; the task ends when it is committed (or fails, for the sender to retry).</summary>
    public Task<string> ApplyAsync(InboxItem item, CancellationToken ct)
    {
        if (!_queue.Writer.TryWrite(item))
        {
            throw new InvalidOperationException("the inbox is shutting down");
        }
        // A sender that hangs up does not undo the message: it is applied, and the sender's retry is a duplicate.
        return item.Status.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var group = new List<InboxItem>(MaxGroup);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                group.Clear();
                while (group.Count < MaxGroup && _queue.Reader.TryRead(out var item)) group.Add(item);
                await ApplyGroupAsync(group, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            // Nothing queued is lost: it was never committed, so its sender gets no receipt and sends it again.
            _queue.Writer.TryComplete();
            var stopped = new OperationCanceledException("the inbox stopped before this message was applied");
            foreach (var item in group) item.Fail(stopped);
            while (_queue.Reader.TryRead(out var item)) item.Fail(stopped);
        }
    }

    private async Task ApplyGroupAsync(List<InboxItem> group, CancellationToken ct)
    {
        try
        {
            var statuses = await StoreAndApplyAsync(group, ct);
            for (var i = 0; i < group.Count; i++) group[i].Complete(statuses[i]);
            return;
        }
        catch (Exception e) when (group.Count > 1 && e is not OperationCanceledException)
        {
            Interlocked.Increment(ref _groupsRetried);
            logger.LogWarning(e, "A group of {Count} inbox messages failed; applying them one at a time", group.Count);
        }
        catch (Exception e)
        {
            group[0].Fail(e);
            return;
        }
        foreach (var item in group)
        {
            try
            {
                item.Complete((await StoreAndApplyAsync([item], ct))[0]);
            }
            catch (Exception e)
            {
                logger.LogError(e, "Inbox message {Id} from {From} could not be applied", item.Envelope.Id, item.Envelope.From);
                item.Fail(e);
            }
        }
    }

    private async Task<string[]> StoreAndApplyAsync(List<InboxItem> group, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BorderlinkDb>();
        db.WritesFirst = true;
        var statuses = new string[group.Count];
        // The inbox reads past the visibility filter to find replicas. That bypass is audited by one line for the group
        // and the line each message writes below (applied, retracted, stale or stored), in the same transaction.
        using (db.EnterSystemScope(AuditDetail.SystemInbox(group.Count)))
        {
            var stored = await StoredMessagesAsync(db, group, ct);
            var known = await KnownRecordsAsync(db, group, ct);
            for (var i = 0; i < group.Count; i++)
            {
                var envelope = group[i].Envelope;
                // Already stored, or a second copy within this group: applied nothing.
                if (!stored.Add(envelope.Id))
                {
                    statuses[i] = ReceiptStatus.Duplicate;
                    continue;
                }
                var record = envelope.Record!;
                var message = new InboxMessage
                {
                    Id = envelope.Id, FromNode = envelope.From, Kind = envelope.Kind, RecordType = record.Type, RecordId = record.Id, Version = record.Version,
                    Status = ReceiptStatus.Applied, ReceivedAt = group[i].ReceivedAt,
                };
                db.InboxMessages.Add(message);
                message.Status = statuses[i] = Apply(db, known, group[i], message);
            }
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException) when (group.Count == 1)
            {
                // The same message arrived at another instance at once and was applied there. Anything else is a real error.
                db.ChangeTracker.Clear();
                if (await db.InboxMessages.AsNoTracking().AnyAsync(m => m.Id == group[0].Envelope.Id, ct)) return [ReceiptStatus.Duplicate];
                throw;
            }
        }
        return statuses;
    }

    /// <summary>
    /// Applies the messages kept because their record type was unknown when they came (<see cref="ReceiptStatus.Stored"/>)
    /// and that this release knows: after an upgrade, what a partner's newer release shared appears at last. The
    /// version rule decides as for any message, so a kept version older than the replica is stale. Run at start, before
    /// the inbox takes messages; returns how many were applied (stale ones are marked, not counted).
    /// </summary>
    public async Task<int> ApplyKeptAsync(BorderlinkDb db, CancellationToken ct)
    {
        var types = RecordTypes.ByName.Keys.ToList();
        var applied = 0;
        while (true)
        {
            var kept = await db.InboxMessages
                .Where(m => m.Status == ReceiptStatus.Stored && m.UnappliedRecord != null && types.Contains(m.RecordType!))
                .OrderBy(m => m.ReceivedAt).ThenBy(m => m.Id).Take(MaxGroup).ToListAsync(ct);
            if (kept.Count == 0) return applied;
            var items = new List<(InboxMessage Message, InboxItem Item)>();
            foreach (var message in kept)
            {
                var record = JsonSerializer.Deserialize<EnvelopeRecord>(message.UnappliedRecord!, Envelope.Json)!;
                CoordinationRecord? incoming = null;
                if (message.Kind == Envelope.KindRecord)
                {
                    try
                    {
                        incoming = RecordTypes.Read(RecordTypes.ByName[record.Type], record.Body ?? throw new JsonException("record without body"));
                    }
                    catch (JsonException e)
                    {
                        // As the inbox would have refused it had it known the type: kept as it is, the reason logged and audited.
                        logger.LogWarning("Kept inbox message {Id} from {From} cannot be read as a {Type}: {Reason}", message.Id, message.FromNode, record.Type, e.Message);
                        message.Status = ReceiptStatus.Unreadable;
                        db.Audit(Borderlink.Features.Audit.AuditActions.ReplicaUnreadable, AuditOutcomes.Denied, recordType: record.Type, recordId: record.Id,
                            detail: AuditDetail.ReplicaKept(message.FromNode, record.Version, e.Message));
                        continue;
                    }
                }
                var envelope = new Envelope(Envelope.Version, message.Id, message.FromNode, node.Id, message.ReceivedAt, message.Kind, record);
                items.Add((message, new InboxItem(envelope, incoming, message.ReceivedAt)));
            }
            using (db.EnterSystemScope(AuditDetail.SystemInboxKept(items.Count)))
            {
                var known = await KnownRecordsAsync(db, items.Select(i => i.Item).ToList(), ct);
                foreach (var (message, item) in items)
                {
                    message.Status = Apply(db, known, item, message);
                    message.UnappliedRecord = null;
                    if (message.Status == ReceiptStatus.Applied) applied++;
                }
                await db.SaveChangesAsync(ct);
            }
            db.ChangeTracker.Clear();
        }
    }

    private static async Task<HashSet<Guid>> StoredMessagesAsync(BorderlinkDb db, List<InboxItem> group, CancellationToken ct)
    {
        var ids = group.Select(i => i.Envelope.Id).ToList();
        return (await db.InboxMessages.AsNoTracking().Where(m => ids.Contains(m.Id)).Select(m => m.Id).ToListAsync(ct)).ToHashSet();
    }

    /// <summary>What the group's messages are about, read in one query per table, tracked; and what the group adds as it goes.</summary>
    private sealed class Known
    {
        public Dictionary<(string Type, Guid Id), ReplicaState> States { get; } = [];
        public Dictionary<(Type Type, Guid Id), CoordinationRecord> Records { get; } = [];
    }

    private static async Task<Known> KnownRecordsAsync(BorderlinkDb db, List<InboxItem> group, CancellationToken ct)
    {
        var known = new Known();
        foreach (var byType in group.Select(i => i.Envelope.Record!).GroupBy(r => r.Type))
        {
            var ids = byType.Select(r => r.Id).Distinct().ToList();
            // By type and id, the key's order: the lookup stays an index search however many replicas the node holds.
            foreach (var state in await db.ReplicaStates.Where(s => s.RecordType == byType.Key && ids.Contains(s.RecordId)).ToListAsync(ct))
            {
                known.States[(state.RecordType, state.RecordId)] = state;
            }
            if (!RecordTypes.ByName.TryGetValue(byType.Key, out var type)) continue;
            // Local records too: a partner's id that is already one of ours must be found, to be refused.
            foreach (var record in await RecordTypes.FindAsync(db, type, ids, ct))
            {
                known.Records[(type, record.Id)] = record;
            }
        }
        return known;
    }

    private string Apply(BorderlinkDb db, Known known, InboxItem item, InboxMessage message)
    {
        var envelope = item.Envelope;
        var record = envelope.Record!;
        if (!RecordTypes.ByName.TryGetValue(record.Type, out var type))
        {
            message.UnappliedRecord = JsonSerializer.Serialize(record, Envelope.Json);
            db.Audit(Borderlink.Features.Audit.AuditActions.ReplicaStored, AuditOutcomes.Ok, recordType: record.Type, recordId: record.Id, detail: AuditDetail.ReplicaUnknownType(envelope.From, record.Version));
            return ReceiptStatus.Stored;
        }
        // Known holds what this group has already applied, so two versions of one record in one group keep the rule.
        var state = known.States.GetValueOrDefault((record.Type, record.Id));
        if (state is not null && record.Version <= state.Version)
        {
            db.Audit(Borderlink.Features.Audit.AuditActions.ReplicaStale, AuditOutcomes.Ok, recordType: record.Type, recordId: record.Id, detail: AuditDetail.ReplicaStale(envelope.From, record.Version, state.Version));
            return ReceiptStatus.Stale;
        }
        if (state is null)
        {
            state = db.ReplicaStates.Add(new ReplicaState { RecordType = record.Type, RecordId = record.Id, OwnerNode = envelope.From, OwnerParty = record.Owner }).Entity;
            known.States[(record.Type, record.Id)] = state;
        }
        state.Version = record.Version;
        state.UpdatedAt = item.ReceivedAt;

        var existing = known.Records.GetValueOrDefault((type, record.Id));
        if (existing is { IsReplica: false })
        {
            // A partner cannot overwrite one of our own records; the id collision is recorded and nothing changes.
            db.Audit(AuditActions.Refused, AuditOutcomes.Denied, existing, AuditDetail.ReplicaIdCollision(envelope.From));
            return ReceiptStatus.Stale;
        }
        if (envelope.Kind == Envelope.KindRetract)
        {
            state.Retracted = true;
            // Known keeps the removed record: a later message of this group may share it again.
            if (existing is not null && db.Entry(existing).State is not (EntityState.Deleted or EntityState.Detached)) db.Remove(existing);
            db.Audit(Borderlink.Features.Audit.AuditActions.ReplicaRetracted, AuditOutcomes.Ok, recordType: record.Type, recordId: record.Id, detail: AuditDetail.ReplicaFrom(envelope.From, record.Version));
            return ReceiptStatus.Applied;
        }

        state.Retracted = false;
        var incoming = item.Incoming ?? throw new InvalidOperationException($"message {envelope.Id} reached the applier without its record");
        var target = existing ?? (CoordinationRecord)db.Add(incoming).Entity;
        known.Records[(type, record.Id)] = target;
        if (existing is not null)
        {
            RecordTypes.CopyOnto(incoming, existing);
            // Retracted earlier in this same group and shared again: a stored row is kept, a row added in this group is added again.
            var entry = db.Entry(existing);
            if (entry.State == EntityState.Deleted) entry.State = EntityState.Modified;
            else if (entry.State == EntityState.Detached) db.Add(existing);
        }
        target.Id = record.Id;
        target.OwnerParty = record.Owner;
        target.OriginNode = envelope.From;
        target.Version = record.Version;
        // Only parties hosted here matter on this node; the envelope already names no others.
        var audience = (record.Audience ?? []).Where(node.Hosts).ToList();
        target.AudienceParties = "";
        target.SetVisibility(record.RestrictedTo is { Count: > 0 } ? Visibility.Restricted : Visibility.Partners, audience, record.RestrictedTo ?? []);
        db.Audit(Borderlink.Features.Audit.AuditActions.ReplicaApplied, AuditOutcomes.Ok, target, AuditDetail.ReplicaFrom(envelope.From, record.Version));
        return ReceiptStatus.Applied;
    }
}
