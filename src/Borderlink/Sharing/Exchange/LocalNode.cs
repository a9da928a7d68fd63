using Microsoft.Extensions.Options;

namespace Borderlink.Sharing.Exchange;

/// <summary>This node as the rest of the program needs it: its id, which parties it hosts, and a bell that wakes the delivery worker.</summary>
public sealed class LocalNode(IOptions<NodeOptions> options) : IDisposable
{
    // Counts to one at most: rings while nobody waits wake the next waiter once, not once each.
    private readonly SemaphoreSlim _bell = new(0, 1);
    private readonly Lock _ringing = new();
    private bool _disposed;

    public string Id => options.Value.Id;

    public bool Hosts(string party) => options.Value.Hosts(party);

    /// <summary>Called after a commit that wrote outbox messages.</summary>
    public void Ring()
    {
        // Under the lock no two rings race past the check; a waiter taking the count meanwhile only lowers it.
        lock (_ringing)
        {
            // A write committing while the app shuts down has nobody left to wake.
            if (!_disposed && _bell.CurrentCount == 0) _bell.Release();
        }
    }

    /// <summary>
    /// Waits for the bell or the timeout, whichever comes first; true when the bell rang. A ring wakes one waiter:
    /// under a light load one sender carries it, and a sender that finds a full batch rings again for the next.
    /// An idle wait throws nothing and spins nowhere (its timer ends it).
    /// </summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _bell.WaitAsync(timeout, ct);

    public void Dispose()
    {
        lock (_ringing)
        {
            _disposed = true;
            _bell.Dispose();
        }
    }
}
