using System.Threading.Channels;

namespace Ratio1.Orleans.Dashboard.Feed;

/// <summary>
/// One browser's connection to the live feed: the messages waiting for it in a bounded buffer. When the browser reads
/// more slowly than the fleet sends, the buffer fills and the oldest messages are dropped and counted, so a slow
/// browser costs at most <see cref="FeedOptions.FeedBufferMessages"/> messages of memory.
/// </summary>
public sealed class FeedConnection
{
    private readonly Channel<FeedMessage> _buffer;
    private readonly FeedMetrics _metrics;
    private long _dropped;

    internal FeedConnection(FeedFilter filter, int capacity, FeedMetrics metrics)
    {
        Filter = filter;
        Capacity = capacity;
        _metrics = metrics;
        _buffer = Channel.CreateBounded<FeedMessage>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = false },
            OnDropped);
    }

    public FeedFilter Filter { get; }

    /// <summary>Messages the buffer holds at most.</summary>
    public int Capacity { get; }

    /// <summary>Messages waiting now.</summary>
    public int Buffered => _buffer.Reader.Count;

    /// <summary>Messages dropped so far because the buffer was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    internal ChannelReader<FeedMessage> Reader => _buffer.Reader;

    /// <summary>Queues <paramref name="message"/> if the filter lets it through (never waits: a full buffer drops its oldest).</summary>
    internal void Offer(FeedMessage message)
    {
        if (Filter.Matches(message))
        {
            _buffer.Writer.TryWrite(message);
        }
    }

    internal void Complete() => _buffer.Writer.TryComplete();

    private void OnDropped(FeedMessage message)
    {
        Interlocked.Increment(ref _dropped);
        _metrics.Dropped(message.Kind);
    }
}
