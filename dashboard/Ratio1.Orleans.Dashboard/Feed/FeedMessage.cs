namespace Ratio1.Orleans.Dashboard.Feed;

/// <summary>
/// One message of the live feed, shared by every connection that gets it: its routing facts, and its server-sent
/// event, serialized once (by the first connection that writes it) whatever the number of connections.
/// </summary>
public sealed class FeedMessage(FeedKinds kind, string node, string? pipeline, string? signature, Func<byte[]> frame)
{
    private byte[]? _frame;

    public FeedKinds Kind { get; } = kind;

    public string Node { get; } = node;

    public string? Pipeline { get; } = pipeline;

    public string? Signature { get; } = signature;

    /// <summary>The whole event as sent (<c>event: ...\ndata: ...\n\n</c>), UTF-8.</summary>
    // Two connections racing may both serialize; either result is the same bytes.
    public byte[] Frame => LazyInitializer.EnsureInitialized(ref _frame, frame);
}
