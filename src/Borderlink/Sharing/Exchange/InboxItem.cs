namespace Borderlink.Sharing.Exchange;

/// <summary>A verified message waiting to be stored and applied; its task ends with the receipt status once committed.</summary>
public sealed class InboxItem(Envelope envelope, CoordinationRecord? incoming, DateTimeOffset receivedAt)
{
    private readonly TaskCompletionSource<string> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Envelope Envelope => envelope;

    /// <summary>The record body already read into its type (null for a retraction or a type this release does not know).</summary>
    public CoordinationRecord? Incoming => incoming;

    public DateTimeOffset ReceivedAt => receivedAt;

    public Task<string> Status => _done.Task;

    internal void Complete(string status) => _done.TrySetResult(status);

    internal void Fail(Exception e) => _done.TrySetException(e);
}
