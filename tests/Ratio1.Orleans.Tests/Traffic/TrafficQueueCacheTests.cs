using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Streams;
using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Contracts.Streams;
using Ratio1.Orleans.Edge.Traffic;
using Ratio1.Orleans.Edge.Traffic.Queues;

namespace Ratio1.Orleans.Tests.Traffic;

/// <summary>
/// The delivery cache of a traffic queue keeps a batch only while a subscriber may still read it, never holds more
/// than its capacity whatever its subscribers do, and counts every message a subscriber did not get.
/// </summary>
public sealed class TrafficQueueCacheTests : IDisposable
{
    private static readonly Serializer Serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    private readonly ManualClock _clock = new();
    private readonly TrafficLedger _ledger;
    private readonly TrafficQueueCache _cache;
    private readonly StreamId _stream = StreamId.Create("test", "a");
    private long _sequence;

    public TrafficQueueCacheTests()
    {
        var options = new TrafficOptions { CacheMiB = 1, CacheSeconds = 30 };
        _ledger = new TrafficLedger(Options.Create(options), _clock, NullLogger<TrafficLedger>.Instance);
        _cache = new TrafficQueueCache(options, _ledger, _clock);
    }

    [Fact]
    public void A_batch_nobody_subscribes_to_leaves_after_a_short_grace_and_counts_as_no_subscriber()
    {
        Add(_stream, messages: 3);
        Purge();
        var kept = _cache.Count;
        _clock.Advance(TimeSpan.FromSeconds(3));
        Purge();

        Assert.Equal(1, kept);
        Assert.Equal(0, _cache.Count);
        Assert.Equal(3, _ledger.DroppedFor(DropReason.NoSubscriber));
    }

    [Fact]
    public void A_batch_every_subscriber_has_read_leaves_at_once_and_counts_as_nothing_lost()
    {
        using var first = Subscribe(_stream);
        using var second = Subscribe(_stream);
        Add(_stream, messages: 2);

        Assert.Equal(QueueCacheCursorMoveResultKind.Success, first.MoveNextWithResult().Kind);
        Purge();
        var keptForSecond = _cache.Count;
        Assert.Equal(QueueCacheCursorMoveResultKind.Success, second.MoveNextWithResult().Kind);
        Purge();

        Assert.Equal((1, 0), (keptForSecond, _cache.Count));
        Assert.Equal(0, _ledger.Dropped);
    }

    [Fact]
    public void A_subscriber_reads_only_its_own_stream_in_order()
    {
        var other = StreamId.Create("test", "b");
        using var cursor = Subscribe(_stream);
        var mine = Add(_stream, messages: 1);
        Add(other, messages: 1);
        var mineToo = Add(_stream, messages: 1);

        Assert.Same(mine, Next(cursor));
        Assert.Same(mineToo, Next(cursor));
        Assert.Equal(QueueCacheCursorMoveResultKind.NoData, cursor.MoveNextWithResult().Kind);
    }

    [Fact]
    public void A_stuck_subscriber_cannot_grow_the_cache_past_its_capacity_and_each_message_it_misses_counts_as_expired()
    {
        using var stuck = Subscribe(_stream);
        var held = 0L;
        for (var i = 0; i < 100; i++)
        {
            Add(_stream, messages: 10, bytes: 100_000);
            Purge();
            held = Math.Max(held, _cache.Bytes);
        }

        Assert.True(held <= 1024 * 1024, $"held {held} bytes");
        Assert.True(_cache.Count < 100);
        Assert.Equal(10 * (100 - _cache.Count), _ledger.DroppedFor(DropReason.Expired));
    }

    [Fact]
    public void A_slow_subscriber_resumes_at_the_oldest_batch_still_cached()
    {
        using var slow = Subscribe(_stream);
        var batches = Enumerable.Range(0, 30).Select(_ => Add(_stream, messages: 1, bytes: 100_000)).ToList();
        Purge();

        Assert.Same(batches[^_cache.Count], Next(slow));
    }

    [Fact]
    public void An_unread_batch_older_than_the_cache_age_leaves_and_counts_as_expired()
    {
        using var idle = Subscribe(_stream);
        Add(_stream, messages: 4);
        _clock.Advance(TimeSpan.FromSeconds(31));
        Purge();

        Assert.Equal(0, _cache.Count);
        Assert.Equal(4, _ledger.DroppedFor(DropReason.Expired));
    }

    public void Dispose() => _ledger.Dispose();

    private TrafficBatch Add(StreamId stream, int messages, int bytes = 100)
    {
        var batch = new TrafficBatch(stream, ++_sequence, MessageKind.Payload, messages, new byte[bytes], Serializer);
        _cache.AddToCache([batch]);
        return batch;
    }

    private void Purge() => _cache.TryPurgeFromCache(out _);

    private IQueueCacheCursor Subscribe(StreamId stream) => _cache.TryGetCacheCursor(stream, null).Cursor!;

    private static IBatchContainer? Next(IQueueCacheCursor cursor)
    {
        Assert.Equal(QueueCacheCursorMoveResultKind.Success, cursor.MoveNextWithResult().Kind);
        return cursor.GetCurrent(out _);
    }

    private sealed class ManualClock : TimeProvider
    {
        private long _ticks = TimeSpan.TicksPerDay;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }
}
