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

    /// <summary>Waits for the bell or the timeout, whichever comes first. Every waiter wakes at a ring.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var bell = _bell.Reader.WaitToReadAsync(done.Token).AsTask();
        await Task.WhenAny(bell, Task.Delay(timeout, done.Token));
        // Ends the one still waiting, so no waiter outlives the call; a quiet poll throws nothing.
        await done.CancelAsync();
        if (bell.IsCompletedSuccessfully) _bell.Reader.TryRead(out _);
        ct.ThrowIfCancellationRequested();
    }
}
