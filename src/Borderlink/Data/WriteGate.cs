namespace Borderlink.Data;

/// <summary>
/// One write at a time in this process, roughly in the order writers came, with a short way in for the exchange's
/// own bookkeeping (claiming and settling outbox messages, applying a partner's messages): those wait for at most the
/// one ordinary write ahead of them, not for the whole queue, so a burst of a hundred users writing cannot hold back
/// what carries their records to the partner. The database lock still orders several instances.
/// </summary>
public sealed class WriteGate : IDisposable
{
    private readonly SemaphoreSlim _queue = new(1, 1);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<Pass> EnterAsync(bool first, CancellationToken ct)
    {
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
        return new Pass(this, first);
    }

    public void Dispose()
    {
        _queue.Dispose();
        _gate.Dispose();
    }

    /// <summary>Held while writing; disposing it lets the next writer in.</summary>
    public sealed class Pass(WriteGate gate, bool first) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 1) return;
            gate._gate.Release();
            if (!first) gate._queue.Release();
        }
    }
}
