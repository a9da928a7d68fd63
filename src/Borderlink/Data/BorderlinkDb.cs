using Borderlink.Features.Accounts;
using Borderlink.Features.Audit;
using Borderlink.Features.Situation;
using Borderlink.Sharing;
using Borderlink.Sharing.Exchange;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Borderlink.Data;

/// <summary>
/// The one model of a Borderlink node. Each engine has a subclass (<see cref="SqliteBorderlinkDb"/>,
/// <see cref="PostgresBorderlinkDb"/>) that owns its migrations. Every save takes the path <see cref="SavePipeline"/>
/// describes: the write gate, the steps (stamping and auditing records, figures, alerts, messages to partners), then
/// one transaction with the audit chain.
/// </summary>
public abstract partial class BorderlinkDb : IdentityDbContext<BorderlinkUser>, IDataProtectionKeyContext
{
    private readonly Viewer _viewer;
    private readonly TimeProvider _clock;
    private readonly SavePipeline _pipeline;
    private readonly List<AuditEntry> _pendingAudit = [];

    protected BorderlinkDb(DbContextOptions options, Viewer viewer, TimeProvider clock, SavePipeline pipeline) : base(options)
    {
        _viewer = viewer;
        _clock = clock;
        _pipeline = pipeline;
    }

    public Viewer Viewer => _viewer;

    // Read by the visibility query filter; EF turns them into parameters on every query.
    internal bool ViewerIsSystem => _viewer.IsSystem;
    internal string? ViewerParty => _viewer.Party;
    internal string? ViewerPartyToken => _viewer.Party is { } p ? Codes.Token(p) : null;
    internal Guid? ViewerAgencyId => _viewer.AgencyId;
    internal string? ViewerFunctionToken => _viewer.Function is { } f ? Codes.Token(f) : null;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // A NUL character is never part of text anyone meant to send, and PostgreSQL refuses it in text columns:
        // every string is stored (and compared) without it, on both engines alike.
        configurationBuilder.Properties<string>().HaveConversion<WithoutNulConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(BorderlinkDb).Assembly, t => t.Namespace?.StartsWith("Borderlink.", StringComparison.Ordinal) == true && !t.IsAbstract);
        VisibilityFilter.ApplyToAllRecords(builder, this);
        // Screening records are operational data that never leave their party: only its own users read them.
        // Rows of a batch still arriving in chunks are nobody's yet (see CrossingBatch.Receiving).
        builder.Entity<Borderlink.Features.Screening.CrossingRecord>().HasQueryFilter(c => (ViewerIsSystem || c.Party == ViewerParty)
            && !CrossingBatches.Any(b => b.Id == c.BatchId && b.Receiving));
        builder.Entity<Borderlink.Features.Screening.CrossingBatch>().HasQueryFilter(b => ViewerIsSystem || b.Party == ViewerParty);
        builder.Entity<Borderlink.Features.Quarantine.QuarantineStay>().HasQueryFilter(s => ViewerIsSystem || s.Party == ViewerParty);
    }

    /// <summary>
    /// The one explicit bypass of the visibility filter, for system work (workers, integrity checks). The bypass and
    /// its reason are written to the audit log before any record is read.
    /// </summary>
    public async Task<IDisposable> EnterSystemScopeAsync(AuditDetail reason, CancellationToken ct = default)
    {
        var scope = EnterSystemScope(reason);
        await SaveChangesAsync(ct);
        return scope;
    }

    /// <summary>The same bypass for work that saves anyway: the audit line is written with that save, in its transaction.</summary>
    public IDisposable EnterSystemScope(AuditDetail reason)
    {
        Audit(AuditActions.SystemAccess, AuditOutcomes.Ok, detail: reason);
        return _viewer.EnterSystemScope(reason.Stored());
    }

    /// <summary>Queues an audit line to be written with the next save (and chained once committed).</summary>
    public void Audit(string action, string outcome, CoordinationRecord? record = null, AuditDetail? detail = null, string? recordType = null, Guid? recordId = null)
    {
        var now = _clock.GetUtcNow();
        _pendingAudit.Add(new AuditEntry
        {
            // PostgreSQL keeps microseconds: what the line says is what the database will give back to be hashed.
            At = new DateTimeOffset(now.UtcTicks - now.UtcTicks % 10, TimeSpan.Zero),
            Actor = _viewer.Name,
            UserId = _viewer.UserId,
            Party = _viewer.Party,
            AgencyId = _viewer.AgencyId,
            Action = action,
            Outcome = outcome,
            RecordType = record?.RecordType ?? recordType,
            RecordId = record?.Id ?? recordId,
            Detail = detail?.Stored() ?? (_viewer.IsSystem ? _viewer.SystemReason : null),
            Client = _viewer.ClientAddress,
        });
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var changed = ChangedRecords();
        // Waiting here, before a transaction holds a pooled connection, keeps a burst of writers from exhausting the pool
        // (PostgreSQL) and, on SQLite, which has one writer at a time, from waiting in SQLite's busy handler instead,
        // where a write (the delivery worker's) could lose to the queue again and again. Every write of this process
        // passes here, audited or not. A caller's own transaction entered the gate already (see
        // <see cref="ClaimOutboxAsync"/>) or holds its locks. The exchange's bookkeeping goes first (see <see cref="WriteGate"/>).
        var gated = Database.CurrentTransaction is null && (_pendingAudit.Count > 0 || ChangeTracker.HasChanges());
        using var pass = gated ? await _pipeline.Gate.EnterAsync(WritesFirst, cancellationToken) : null;
        // The steps run once through the gate: a record's time is when it is written, not when its writer started to queue.
        var save = new PendingSave(this, changed, _clock.GetUtcNow());
        await _pipeline.PrepareAsync(save, cancellationToken);
        var saved = await SaveStampedAsync(acceptAllChangesOnSuccess, cancellationToken);
        save.Committed();
        return saved;
    }

    /// <summary>
    /// Claims due outbox messages for one sender of this instance, tracked, none of them <paramref name="inFlight"/>
    /// (held by another sender here). Where several instances share the database (<see cref="ClaimsNeedLease"/>),
    /// the claim writes a lease (<see cref="OutboxMessage.LeaseUntil"/>), in one transaction, so no two instances send one
    /// message at once; where one instance is all there is, the in-flight set alone keeps senders apart and a claim
    /// writes nothing.
    /// </summary>
    public async Task<List<OutboxMessage>> ClaimOutboxAsync(DateTimeOffset now, TimeSpan lease, int count, IReadOnlySet<Guid> inFlight, CancellationToken ct)
    {
        if (!ClaimsNeedLease)
        {
            return (await DueOutbox(now, count + inFlight.Count).ToListAsync(ct)).Where(m => !inFlight.Contains(m.Id)).Take(count).ToList();
        }
        using var pass = await _pipeline.Gate.EnterAsync(first: true, ct);
        await using var tx = await Database.BeginTransactionAsync(ct);
        var due = await DueOutbox(now, count).ToListAsync(ct);
        foreach (var m in due) m.LeaseUntil = now + lease;
        await SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return due;
    }

    /// <summary>Whether other instances may share this database, so that a claim has to be written (a lease) to hold.</summary>
    protected abstract bool ClaimsNeedLease { get; }

    /// <summary>The pending messages due at <paramref name="now"/>, oldest first, locked for this transaction as the engine allows.</summary>
    protected abstract IQueryable<OutboxMessage> DueOutbox(DateTimeOffset now, int count);

    private async Task<int> SaveStampedAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        if (_pendingAudit.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var transaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        List<EntityEntry> bulk = [];
        try
        {
            // The lines go in unchained, with the change they record: nothing here waits for another writer's lines.
            // The sequencer chains them once committed (see <see cref="ChainAuditAsync"/>).
            AuditEntries.AddRange(_pendingAudit);
            bulk = await BulkInserts.WriteAsync(this, BulkTypes, (table, entries, ct) => BulkInsertAsync(table, entries, BulkInserts.Table.CurrentOf, ct),
                cancellationToken);
            var count = bulk.Count + await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
            foreach (var line in _pendingAudit)
            {
                Entry(line).State = EntityState.Detached;
            }
            _pendingAudit.Clear();
            // In a caller's own transaction the lines are not committed yet: the sequencer's next round finds them.
            _pipeline.AuditBell.Ring();
            return count;
        }
        catch
        {
            // What was written in bulk is still to be added, as EF Core leaves the entities of a failed save; the
            // audit lines are dropped, as the next save stamps and audits its records again.
            foreach (var entry in bulk)
            {
                entry.State = EntityState.Added;
            }
            foreach (var line in _pendingAudit)
            {
                Entry(line).State = EntityState.Detached;
            }
            _pendingAudit.Clear();
            throw;
        }
        finally
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Chains up to <paramref name="max"/> committed, unchained audit lines, oldest written first, to the end of the chain,
    /// in one transaction that holds the chain's head (a row lock on PostgreSQL, so instances sharing the database take
    /// turns; SQLite's write lock). Returns how many it chained and when the oldest of them was written. The only writer of <see cref="AuditEntry.Seq"/>.
    /// </summary>
    public async Task<(int Lines, DateTimeOffset? OldestWritten)> ChainAuditAsync(int max, CancellationToken ct)
    {
        if (!await AuditEntries.AnyAsync(e => e.Seq == null, ct)) return (0, null);
        using var pass = await _pipeline.Gate.EnterAsync(first: true, ct);
        await using var transaction = await Database.BeginTransactionAsync(ct);
        var head = await LockAuditHeadAsync(ct);
        // Read after the head is held: what another instance chained while this one waited is not read as unchained.
        var lines = await AuditEntries.Where(e => e.Seq == null).OrderBy(e => e.Id).Take(max).ToListAsync(ct);
        if (lines.Count == 0) return (0, null);
        AuditChain.Link(head, lines);
        await base.SaveChangesAsync(acceptAllChangesOnSuccess: true, ct);
        await transaction.CommitAsync(ct);
        ChangeTracker.Clear();
        return (lines.Count, lines.Min(l => l.At));
    }

    /// <summary>
    /// The types whose added rows a large save writes in bulk (see <see cref="BulkInserts"/>): what an import adds by the
    /// thousand — reports, their audit lines, their messages to partners — and what the inbox adds per message it
    /// applies in a group (its inbox row and the replica's version).
    /// </summary>
    private static readonly IReadOnlySet<Type> BulkTypes = new HashSet<Type>
    {
        typeof(SituationReport), typeof(AuditEntry), typeof(OutboxMessage), typeof(InboxMessage), typeof(ReplicaState),
    };

    /// <summary>Inserts rows of one table in bulk, the engine's fastest way, in the current transaction.</summary>
    private protected abstract Task BulkInsertAsync<T>(BulkInserts.Table table, IReadOnlyList<T> rows, Func<T, IProperty, object?> value, CancellationToken ct);

    /// <summary>
    /// A writer for a stream of crossing records inside the open transaction (see <see cref="CrossingWriter"/>). Direct: straight
    /// into the table, where an id already stored fails the whole write (<see cref="IsUniqueViolation"/>); otherwise such ids are skipped.
    /// </summary>
    public abstract Task<CrossingWriter> BeginCrossingsAsync(bool direct, CancellationToken ct);

    /// <summary>Whether a direct write is faster than the skipping one on this engine (worth a retry when an id is already stored).</summary>
    public abstract bool CrossingsHaveDirectPath { get; }

    /// <summary>
    /// Whether a crossing batch commits in chunks as it arrives, its rows hidden until it is complete (SQLite), rather
    /// than in the caller's one transaction (PostgreSQL).
    /// </summary>
    public abstract bool CrossingsCommitInChunks { get; }

    /// <summary>
    /// Takes back what a batch of <paramref name="party"/> written in chunks had stored: its rows among
    /// <paramref name="ids"/> (all its rows, found by a scan, when they are not known), and the batch.
    /// </summary>
    public abstract Task RemoveCrossingBatchAsync(Guid batch, string party, IReadOnlyCollection<Guid>? ids);

    /// <summary>Whether <paramref name="e"/> says the database could not take the work in time because of another writer.</summary>
    public abstract bool IsBusy(System.Data.Common.DbException e);

    public abstract bool IsUniqueViolation(System.Data.Common.DbException e);

    /// <summary>Locks the head row for this transaction and returns it, tracked.</summary>
    protected abstract Task<AuditHead> LockAuditHeadAsync(CancellationToken ct);

    /// <summary>
    /// The write gate for work that writes in its own transaction (a chunk of a large batch): queued like any user's
    /// save; a save inside that transaction does not queue again.
    /// </summary>
    public Task<WriteGate.Pass> EnterWriteGateAsync(CancellationToken ct) => _pipeline.Gate.EnterAsync(WritesFirst, ct);

    /// <summary>This context's writes take the gate's short way in: set by the exchange's own bookkeeping only.</summary>
    public bool WritesFirst { get; set; }

    /// <summary>The records this save changes (replicas included), after EF has detected the changes.</summary>
    private List<EntityEntry<CoordinationRecord>> ChangedRecords()
    {
        ChangeTracker.DetectChanges();
        // A change only inside an owned JSON column (a translation added, a revision kept) leaves the record itself
        // Unchanged in EF's eyes; it is still a new version of the record, to stamp, audit and publish.
        foreach (var entry in ChangeTracker.Entries<CoordinationRecord>()
                     .Where(e => e.State == EntityState.Unchanged && e.Navigations.Any(n => n.Metadata.TargetEntityType.IsOwned() && n.IsModified)).ToList())
        {
            entry.Property(r => r.Version).IsModified = true;
        }
        return ChangeTracker.Entries<CoordinationRecord>().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
    }
}

/// <summary>Drops NUL characters from text on its way to the database (see <see cref="BorderlinkDb.ConfigureConventions"/>).</summary>
public sealed class WithoutNulConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<string, string>(
    v => v.Contains('\0', StringComparison.Ordinal) ? v.Replace("\0", "", StringComparison.Ordinal) : v, v => v);
