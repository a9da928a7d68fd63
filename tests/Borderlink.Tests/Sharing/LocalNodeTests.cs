using System.Diagnostics;
using Borderlink.Sharing.Exchange;
using Microsoft.Extensions.Options;

namespace Borderlink.Tests.Sharing;

/// <summary>The bell that wakes the delivery worker after a commit wrote messages to send.</summary>
public sealed class LocalNodeTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(150);

    [Fact]
    public async Task A_ring_wakes_one_waiting_sender_and_the_others_wait_out_their_poll()
    {
        using var node = new LocalNode(Options.Create(new NodeOptions()));
        var waiters = Enumerable.Range(0, 3).Select(_ => node.WaitAsync(TimeSpan.FromSeconds(1.5), CancellationToken.None)).ToList();

        node.Ring();
        var first = await Task.WhenAny(waiters);
        Assert.True(await first);
        var watch = Stopwatch.StartNew();
        var rest = await Task.WhenAll(waiters.Where(w => w != first));
        Assert.All(rest, woken => Assert.False(woken));
        Assert.True(watch.Elapsed > TimeSpan.FromSeconds(1), $"the other senders were woken after {watch.Elapsed}");
    }

    [Fact]
    public async Task Rings_while_nobody_waits_wake_the_next_sender_once()
    {
        using var node = new LocalNode(Options.Create(new NodeOptions()));
        node.Ring();
        node.Ring();
        node.Ring();

        Assert.True(await node.WaitAsync(Short, CancellationToken.None));
        var watch = Stopwatch.StartNew();
        Assert.False(await node.WaitAsync(Short, CancellationToken.None));
        Assert.True(watch.Elapsed >= Short - TimeSpan.FromMilliseconds(20), $"a wait with no ring ended after {watch.Elapsed}");
    }

    [Fact]
    public void A_commit_that_rings_while_the_app_shuts_down_is_not_failed_by_the_bell()
    {
        var node = new LocalNode(Options.Create(new NodeOptions()));
        node.Dispose();
        Assert.Null(Record.Exception(node.Ring));
    }
}
