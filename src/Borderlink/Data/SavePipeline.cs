using Borderlink.Sharing;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Borderlink.Data;

/// <summary>
/// What a save is doing, as its steps see it: the records it changes (replicas included) and the moment it commits.
/// A step may add rows to <see cref="Db"/> (they are written in the same transaction) and ask for work after the commit.
/// </summary>
public sealed class PendingSave(BorderlinkDb db, IReadOnlyList<EntityEntry<CoordinationRecord>> changed, DateTimeOffset now)
{
    private List<Action>? _afterCommit;

    public BorderlinkDb Db => db;

    /// <summary>The records the save adds, changes or deletes, as EF Core tracks them.</summary>
    public IReadOnlyList<EntityEntry<CoordinationRecord>> Changed => changed;

    /// <summary>The time of the save: taken once the write gate let it in, so times follow the audit chain's order.</summary>
    public DateTimeOffset Now => now;

    /// <summary>Runs <paramref name="action"/> once the save has committed (never when it failed).</summary>
    public void AfterCommit(Action action) => (_afterCommit ??= []).Add(action);

    internal void Committed()
    {
        foreach (var action in _afterCommit ?? []) action();
    }
}

/// <summary>One step every save of the node runs, after the write gate and before anything is written.</summary>
public interface ISaveStep
{
    Task PrepareAsync(PendingSave save, CancellationToken ct);
}

/// <summary>
/// The path of every save (<see cref="BorderlinkDb.SaveChangesAsync(bool, CancellationToken)"/>), in order:
/// <list type="number">
/// <item>the write gate (<see cref="WriteGate"/>): how many saves of this process write at once;</item>
/// <item>the steps below, in the order <see cref="SavePipelineSetup.AddSavePipeline"/> registers them;</item>
/// <item>one transaction: the audit lines (not yet chained), large sets of rows written in bulk, then everything else
/// EF Core tracks;</item>
/// <item>what the steps asked for after the commit (waking the sender of the outbox), and the audit bell
/// (<see cref="AuditBell"/>): the sequencer chains the committed lines.</item>
/// </list>
/// </summary>
public sealed class SavePipeline(IEnumerable<ISaveStep> steps, Microsoft.Extensions.Options.IOptions<DatabaseOptions> database)
{
    private readonly ISaveStep[] _steps = [.. steps];

    /// <summary>The steps, in the order they run.</summary>
    public IReadOnlyList<ISaveStep> Steps => _steps;

    /// <summary>
    /// How many saves of this process write at once (see <see cref="WriteGate"/>). Never disposed: a worker still
    /// finishing its save while the app stops must be able to leave the gate.
    /// </summary>
    public WriteGate Gate { get; } = new(string.Equals(database.Value.Provider, "Postgres", StringComparison.OrdinalIgnoreCase)
        ? database.Value.MaxConcurrentWrites : 1);

    /// <summary>Rung once a save has committed audit lines, so they are chained now rather than at the next round.</summary>
    public AuditBell AuditBell { get; } = new();

    public async Task PrepareAsync(PendingSave save, CancellationToken ct)
    {
        foreach (var step in _steps) await step.PrepareAsync(save, ct);
    }
}

public static class SavePipelineSetup
{
    /// <summary>
    /// The steps of a save, in the order they run. A new step is a class implementing <see cref="ISaveStep"/>, in the
    /// feature it serves, registered here at the place in the order where what it reads is ready.
    /// </summary>
    public static IServiceCollection AddSavePipeline(this IServiceCollection services) => services
        // 1. Each of this party's changed records gets its version, its times, its author and its audit line.
        .AddSingleton<ISaveStep, StampRecords>()
        // 2. A situation report's figures follow its rows (local writes, imports and partners' replicas alike).
        .AddSingleton<ISaveStep, Features.Situation.SituationProjection>()
        // 3. A partner's correction of its own reference entries is applied to this node's reference data.
        .AddSingleton<ISaveStep, Features.Reference.ApplyReferenceCorrections>()
        // 4. A party hosted here that can newly see a record is alerted; one that lost sight of it loses the alert.
        .AddSingleton<ISaveStep, Features.Alerts.ShareAlerts>()
        // 5. Each change to a record shared with a partner node becomes a message in the outbox (last: it publishes
        //    the stamped version).
        .AddSingleton<ISaveStep, Sharing.Exchange.OutboxWriter>()
        .AddSingleton<SavePipeline>();
}

/// <summary>
/// A wake-up for the audit sequencer: any number of rings before it looks count as one, so a burst of saves costs one
/// round of chaining, not one each. A ring while one is pending does nothing (it used to release a full semaphore and
/// catch the exception: one exception per write, a thousand a second in the runtime's exception count under load).
/// </summary>
public sealed class AuditBell : IDisposable
{
    private readonly SemaphoreSlim _rung = new(0, 1);
    private int _pending; // 1 from a ring until the sequencer hears it

    public void Ring()
    {
        if (Interlocked.Exchange(ref _pending, 1) == 0) _rung.Release();
    }

    /// <summary>
    /// Waits for a ring, at most <paramref name="timeout"/>. Once heard, the next ring wakes it again: the sequencer reads
    /// the lines after this returns, so a line whose ring came before that is read in this round, any later one rings anew.
    /// </summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        var rung = await _rung.WaitAsync(timeout, ct);
        if (rung) Volatile.Write(ref _pending, 0);
        return rung;
    }

    public void Dispose() => _rung.Dispose();
}
