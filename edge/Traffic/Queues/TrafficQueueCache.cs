using Orleans.Streams;
using Ratio1.Orleans.Contracts.Streams;

namespace Ratio1.Orleans.Edge.Traffic.Queues;

/// <summary>
/// The delivery cache of one traffic queue: the batches its pulling agent read, in order, until every subscriber of
/// their stream has them. Unlike Orleans' caches it never pushes back on the queue (one stuck subscriber would stall
/// every stream of the queue) and never keeps what nobody will read. A batch leaves
/// <list type="bullet">
/// <item>once every subscriber of its stream has read it;</item>
/// <item>after a short grace when its stream has no subscriber (the agent subscribes a stream's consumers just after it
/// first reads the stream): counted as <see cref="DropReason.NoSubscriber"/>;</item>
/// <item>when the cache holds more than <see cref="TrafficOptions.CacheMiB"/> or the batch is older than
/// <see cref="TrafficOptions.CacheSeconds"/>, oldest first: each subscriber that had not read it skips it, counted as
/// <see cref="DropReason.Expired"/>.</item>
/// </list>
/// Used by the queue's agent only, one call at a time (as Orleans' caches are).
/// </summary>
public sealed class TrafficQueueCache : IQueueCache
{
    // What a cached batch costs beyond its bytes: the batch and entry objects.
    private const int EntryBytes = 160;

    // Records read per poll of the queue.
    private const int ReadBatches = 256;

    private static readonly TimeSpan NoSubscriberGrace = TimeSpan.FromSeconds(2);

    private readonly TrafficLedger _ledger;
    private readonly TimeProvider _time;
    private readonly long _capacity;
    private readonly TimeSpan _maxAge;
    private readonly Dictionary<StreamId, StreamState> _streams = [];
    private Entry[] _ring = new Entry[256];
    private int _start;
    private int _count;
    private long _firstIndex;
    private long _bytes;

    public TrafficQueueCache(TrafficOptions options, TrafficLedger ledger, TimeProvider time)
    {
        _ledger = ledger;
        _time = time;
        _capacity = options.CacheBytes;
        _maxAge = TimeSpan.FromSeconds(options.CacheSeconds);
    }

    /// <summary>Bytes held now.</summary>
    public long Bytes => _bytes;

    /// <summary>Batches held now.</summary>
    public int Count => _count;

    private long EndIndex => _firstIndex + _count;

    public int GetMaxAddCount() => ReadBatches;

    public bool IsUnderPressure() => false;

    public void AddToCache(IList<IBatchContainer> messages)
    {
        var now = _time.GetTimestamp();
        foreach (var batch in messages.OfType<TrafficBatch>())
        {
            var stream = StreamOf(batch.StreamId);
            var entry = new Entry(batch, EndIndex, now, stream, batch.Body.Length + EntryBytes);
            Append(entry);
            stream.Entries++;
            _bytes += entry.Bytes;
            _ledger.TrackCached(entry.Bytes);
        }

        if (_bytes > _capacity)
        {
            Evict(now);
        }
    }

    public bool TryPurgeFromCache(out IList<IBatchContainer> purgedItems)
    {
        Evict(_time.GetTimestamp());
        purgedItems = null!;
        return false;
    }

    [Obsolete("Use TryGetCacheCursor instead.")]
    public IQueueCacheCursor GetCacheCursor(StreamId streamId, StreamSequenceToken? token) => OpenCursor(streamId, token is null ? EndIndex : IndexAtOrAfter(token.SequenceNumber));

    public QueueCacheCursorResult<IQueueCacheCursor> TryGetCacheCursor(StreamId streamId, StreamSequenceToken? token) =>
        QueueCacheCursorResult<IQueueCacheCursor>.FromCursor(OpenCursor(streamId, token is null ? EndIndex : IndexAtOrAfter(token.SequenceNumber)));

    public QueueCacheCursorResult<IQueueCacheCursor> TryGetCacheCursorAtPosition(StreamId streamId, StreamSubscriptionStartPosition startPosition) =>
        QueueCacheCursorResult<IQueueCacheCursor>.FromCursor(OpenCursor(streamId, startPosition == StreamSubscriptionStartPosition.EarliestAvailable ? _firstIndex : EndIndex));

    private Cursor OpenCursor(StreamId streamId, long position)
    {
        var stream = StreamOf(streamId);
        var cursor = new Cursor(this, stream, position);
        stream.Cursors.Add(cursor);
        return cursor;
    }

    private QueueCacheCursorMoveResult Advance(Cursor cursor)
    {
        for (var index = Math.Max(cursor.Position, _firstIndex); index < EndIndex; index++)
        {
            var entry = At(index);
            if (entry.Stream == cursor.Stream)
            {
                entry.Delivered = true;
                cursor.Current = entry.Batch;
                cursor.Position = index + 1;
                return QueueCacheCursorMoveResult.Success;
            }
        }

        cursor.Current = null;
        cursor.Position = EndIndex;
        return QueueCacheCursorMoveResult.NoData;
    }

    private void Release(Cursor cursor)
    {
        cursor.Stream.Cursors.Remove(cursor);
        Forget(cursor.Stream);
    }

    private void Evict(long now)
    {
        while (_count > 0)
        {
            var entry = At(_firstIndex);
            var age = _time.GetElapsedTime(entry.AddedAt, now);
            var forced = _bytes > _capacity || age > _maxAge;
            var cursors = entry.Stream.Cursors;
            if (!forced)
            {
                var keep = cursors.Count == 0
                    ? !entry.Delivered && age <= NoSubscriberGrace
                    : cursors.Exists(c => c.Position <= entry.Index);
                if (keep)
                {
                    return;
                }
            }

            if (cursors.Count == 0)
            {
                if (!entry.Delivered)
                {
                    _ledger.CountDropped(entry.Batch.Kind, DropReason.NoSubscriber, entry.Batch.MessageCount);
                }
            }
            else
            {
                // Each subscriber that had not read it will never see it.
                foreach (var cursor in cursors)
                {
                    if (cursor.Position <= entry.Index)
                    {
                        _ledger.CountDropped(entry.Batch.Kind, DropReason.Expired, entry.Batch.MessageCount);
                    }
                }
            }

            RemoveFirst();
            _bytes -= entry.Bytes;
            _ledger.TrackCached(-entry.Bytes);
            entry.Stream.Entries--;
            Forget(entry.Stream);
        }
    }

    private StreamState StreamOf(StreamId streamId)
    {
        if (!_streams.TryGetValue(streamId, out var stream))
        {
            stream = new StreamState(streamId);
            _streams[streamId] = stream;
        }

        return stream;
    }

    // A stream with nothing cached and nobody reading costs nothing.
    private void Forget(StreamState stream)
    {
        if (stream.Entries == 0 && stream.Cursors.Count == 0)
        {
            _streams.Remove(stream.Id);
        }
    }

    private long IndexAtOrAfter(long sequence)
    {
        long low = _firstIndex, high = EndIndex;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (At(middle).Batch.Sequence < sequence)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private Entry At(long index) => _ring[(_start + (int)(index - _firstIndex)) % _ring.Length];

    private void Append(Entry entry)
    {
        if (_count == _ring.Length)
        {
            var grown = new Entry[_ring.Length * 2];
            for (var i = 0; i < _count; i++)
            {
                grown[i] = _ring[(_start + i) % _ring.Length];
            }

            _ring = grown;
            _start = 0;
        }

        _ring[(_start + _count) % _ring.Length] = entry;
        _count++;
    }

    private void RemoveFirst()
    {
        _ring[_start] = null!;
        _start = (_start + 1) % _ring.Length;
        _count--;
        _firstIndex++;
        if (_count == 0 && _ring.Length > 1024)
        {
            // A burst grew the ring; an idle cache gives the memory back.
            _ring = new Entry[256];
            _start = 0;
        }
    }

    private sealed class Entry(TrafficBatch batch, long index, long addedAt, StreamState stream, long bytes)
    {
        public TrafficBatch Batch { get; } = batch;

        public long Index { get; } = index;

        public long AddedAt { get; } = addedAt;

        public StreamState Stream { get; } = stream;

        public long Bytes { get; } = bytes;

        public bool Delivered { get; set; }
    }

    private sealed class StreamState(StreamId id)
    {
        public StreamId Id { get; } = id;

        public List<Cursor> Cursors { get; } = [];

        public int Entries { get; set; }
    }

    // Where one subscription of a stream stands: the index of the next batch to look at.
    private sealed class Cursor(TrafficQueueCache cache, StreamState stream, long position) : IQueueCacheCursor
    {
        private bool _disposed;

        public StreamState Stream { get; } = stream;

        public long Position { get; set; } = position;

        public TrafficBatch? Current { get; set; }

        public IBatchContainer? GetCurrent(out Exception? exception)
        {
            exception = null;
            return Current;
        }

        [Obsolete("Use MoveNextWithResult instead.")]
        public bool MoveNext() => cache.Advance(this).Kind == QueueCacheCursorMoveResultKind.Success;

        public QueueCacheCursorMoveResult MoveNextWithResult() => cache.Advance(this);

        // Positions are indices into the cache, so new batches are found without being told about them.
        public void Refresh(StreamSequenceToken token)
        {
        }

        public void RecordDeliveryFailure()
        {
        }

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                cache.Release(this);
            }
        }
    }
}
