using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using Orleans.Streams;
using Ratio1.Orleans.Edge.Traffic.Durable;

namespace Ratio1.Orleans.Tests.Traffic;

/// <summary>The ADO.NET traffic cache: Orleans' own cache, minus the stale cursor that stopped a whole queue.</summary>
public sealed class ResumingQueueCacheTests
{
    private static readonly StreamId Stream = StreamId.Create("payloads", "edge/p1");

    [Fact]
    public void Orleans_own_cache_fails_every_refresh_of_a_cursor_whose_first_message_left_before_it_was_set()
    {
        var cache = OrleansCache();
        using var cursor = StaleCursor(cache);

        cache.AddToCache([Message(27)]);

        Assert.Throws<QueueCacheMissException>(() => cursor.Refresh(new EventSequenceTokenV2(27)));
        Assert.Throws<QueueCacheMissException>(() => cursor.Refresh(new EventSequenceTokenV2(27)));
    }

    [Fact]
    public void A_cursor_whose_first_message_left_the_cache_resumes_at_the_oldest_message_still_cached()
    {
        var cache = new ResumingQueueCache(new SimpleQueueAdapterCache(new SimpleQueueCacheOptions(), "r1-traffic", NullLoggerFactory.Instance), NullLogger.Instance)
            .CreateQueueCache(QueueId.GetQueueId("r1-traffic", 0, 0));
        using var cursor = StaleCursor(cache);

        cache.AddToCache([Message(27)]);
        cache.AddToCache([Message(28), Message(29)]);
        cursor.Refresh(new EventSequenceTokenV2(28));

        Assert.Equal([27L, 28L, 29L], Drain(cursor));
    }

    private static IQueueCache OrleansCache() =>
        new SimpleQueueAdapterCache(new SimpleQueueCacheOptions(), "r1-traffic", NullLoggerFactory.Instance).CreateQueueCache(QueueId.GetQueueId("r1-traffic", 0, 0));

    // As the pulling agent leaves it: made for message 26 while the cache was empty, and 26 purged (no cursor held it).
    private static IQueueCacheCursor StaleCursor(IQueueCache cache)
    {
        var cursor = cache.TryGetCacheCursor(Stream, new EventSequenceTokenV2(26)).Cursor!;
        cache.AddToCache([Message(26)]);
        Assert.True(cache.TryPurgeFromCache(out var purged));
        Assert.Single(purged);
        return cursor;
    }

    private static List<long> Drain(IQueueCacheCursor cursor)
    {
        var seen = new List<long>();
        while (cursor.MoveNextWithResult().Kind == QueueCacheCursorMoveResultKind.Success)
        {
            seen.Add(((EventSequenceTokenV2)cursor.GetCurrent(out _)!.SequenceToken).SequenceNumber);
        }

        return seen;
    }

    private static Batch Message(long sequence) => new(Stream, new EventSequenceTokenV2(sequence));

    private sealed record Batch(StreamId StreamId, StreamSequenceToken SequenceToken) : IBatchContainer
    {
        public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>() => [];

        public bool ImportRequestContext() => false;
    }
}
