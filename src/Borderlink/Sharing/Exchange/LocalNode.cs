using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Borderlink.Sharing.Exchange;

/// <summary>This node as the rest of the program needs it: its id, which parties it hosts, and a bell that wakes the delivery worker.</summary>
public sealed class LocalNode(IOptions<NodeOptions> options)
{
    private readonly Channel<bool> _bell = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public string Id => options.Value.Id;

    public bool Hosts(string party) => options.Value.Hosts(party);

    /// <summary>Called after a commit that wrote outbox messages.</summary>
    public void Ring() => _bell.Writer.TryWrite(true);

    /// <summary>
    /// Waits for the bell or the timeout, whichever comes first. A ring wakes one waiter: under a light load one
    /// sender carries it, and a sender that finds a full batch rings again for the next.
    /// </summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < timeout)
        {
            using var done = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var bell = _bell.Reader.WaitToReadAsync(done.Token).AsTask();
            await Task.WhenAny(bell, Task.Delay(TimeSpan.FromTicks(Math.Max(0, (timeout - waited.Elapsed).Ticks)), done.Token));
            // Ends the one still waiting, so no waiter outlives the call; a quiet poll throws nothing.
            await done.CancelAsync();
            ct.ThrowIfCancellationRequested();
            if (bell.IsCompletedSuccessfully && _bell.Reader.TryRead(out _)) return;
            // Another waiter took this ring (or the time is up): wait on for the rest of the time.
        }
    }
}
