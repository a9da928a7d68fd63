namespace Borderlink.Data;

/// <summary>
/// How many saves of this process write at once. On SQLite, which has one writer at a time, one: roughly in the order
/// writers came, with a short way in for the exchange's own bookkeeping (claiming and settling outbox messages, applying
/// a partner's messages, chaining audit lines), which waits for at most the one ordinary write ahead of it, not for the
/// whole queue, so a burst of a hundred users writing cannot hold back what carries their records to the partner. On
/// PostgreSQL, <see cref="Capacity"/> at once (<see cref="DatabaseOptions.MaxConcurrentWrites"/>): enough to keep the
/// server busy, few enough that a burst of writers queues here rather than exhausting the connection pool; the
/// bookkeeping does not queue at all. Nothing in a save needs another to wait any more: the audit chain is appended
/// after the commit (<see cref="Features.Audit.AuditSequencer"/>), and rows lock only rows.
/// </summary>
public sealed class WriteGate(int capacity) : IDisposable
{
    private readonly SemaphoreSlim _queue = new(1, 1);
    private readonly SemaphoreSlim _gate = new(capacity, capacity);

    /// <summary>How many ordinary saves may write at once.</summary>
    public int Capacity => capacity;

    public async Task<Pass> EnterAsync(bool first, CancellationToken ct)
    {
        if (capacity > 1)
        {
            if (first) return new Pass(this, gate: false, queue: false);
            await _gate.WaitAsync(ct);
            return new Pass(this, gate: true, queue: false);
        }
        if (!first)
        {
            await _queue.WaitAsync(ct);
        }
        try
        {
            await _gate.WaitAsync(ct);
        }
        catch
        {
            if (!first) _queue.Release();
            throw;
        }
        return new Pass(this, gate: true, queue: !first);
    }

    public void Dispose()
    {
        _queue.Dispose();
        _gate.Dispose();
    }

    /// <summary>Held while writing; disposing it lets the next writer in.</summary>
    public sealed class Pass(WriteGate owner, bool gate, bool queue) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 1) return;
            if (gate) owner._gate.Release();
            if (queue) owner._queue.Release();
        }
    }
}
