using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace Ratio1.Orleans.Edge.Traffic.Durable;

/// <summary>
/// Orleans' ADO.NET stream cache with one fault taken out. Orleans' cache leaves a subscriber's cursor that was made
/// while the cache was empty "unset" at the message it asked for; when that message leaves the cache before the cursor
/// is set (nothing else held it), every later refresh of the cursor fails with a cache miss — inside the pulling
/// agent's read of the queue, so the whole queue, every stream on it, stops being delivered, for good (seen as a
/// client that subscribed while a pipeline was starting and then received nothing). Here such a refresh resumes the
/// cursor at the oldest message still cached: what had left the cache before was gone for that subscriber anyway, and
/// the queue goes on for everyone.
/// </summary>
public sealed partial class ResumingQueueCache(IQueueAdapterCache inner, ILogger logger) : IQueueAdapterCache
{
    public IQueueCache CreateQueueCache(QueueId queueId) => new Cache(inner.CreateQueueCache(queueId), queueId, logger);

    // Debug: it happens whenever a client subscribes while its stream is just starting (a deploy's confirmation).
    [LoggerMessage(Level = LogLevel.Debug, Message = "Traffic queue {QueueId}: a subscriber of stream {StreamId} was to start at a message that had already left the cache ({Reason}); it resumes at the oldest message still cached")]
    private static partial void LogResumed(ILogger logger, QueueId queueId, StreamId streamId, string reason);

    private sealed class Cache(IQueueCache inner, QueueId queueId, ILogger logger) : IQueueCache
    {
        public int GetMaxAddCount() => inner.GetMaxAddCount();

        public void AddToCache(IList<IBatchContainer> messages) => inner.AddToCache(messages);

        public bool TryPurgeFromCache([MaybeNullWhen(false)] out IList<IBatchContainer> purgedItems) => inner.TryPurgeFromCache(out purgedItems);

        public bool IsUnderPressure() => inner.IsUnderPressure();

        public void UpdateDeliveryProgress(StreamSequenceToken? earliestSubscriptionToken, DateTime utcNow) =>
            inner.UpdateDeliveryProgress(earliestSubscriptionToken, utcNow);

        // Every member is passed on, the obsolete ones too: Orleans' pulling agent still calls them.
#pragma warning disable CS0618
        public IQueueCacheCursor GetCacheCursor(StreamId streamId, StreamSequenceToken? token) =>
            new Cursor(this, streamId, inner.GetCacheCursor(streamId, token));
#pragma warning restore CS0618

        public QueueCacheCursorResult<IQueueCacheCursor> TryGetCacheCursor(StreamId streamId, StreamSequenceToken? token) =>
            Wrap(streamId, inner.TryGetCacheCursor(streamId, token));

        public QueueCacheCursorResult<IQueueCacheCursor> TryGetCacheCursorAtPosition(StreamId streamId, StreamSubscriptionStartPosition startPosition) =>
            Wrap(streamId, inner.TryGetCacheCursorAtPosition(streamId, startPosition));

        private QueueCacheCursorResult<IQueueCacheCursor> Wrap(StreamId streamId, QueueCacheCursorResult<IQueueCacheCursor> result) =>
            result.Kind == QueueCacheCursorResultKind.Success && result.Cursor is { } cursor
                ? QueueCacheCursorResult<IQueueCacheCursor>.FromCursor(new Cursor(this, streamId, cursor))
                : result;

        // The cursor a stale one is replaced by: at the oldest message still cached (the cursor skips other streams'),
        // so nothing of its stream that is still here is missed; else at the message that refreshed it.
        public IQueueCacheCursor Resume(StreamId streamId, StreamSequenceToken token, QueueCacheMissException miss)
        {
            LogResumed(logger, queueId, streamId, miss.Message);
            var resumed = inner.TryGetCacheCursorAtPosition(streamId, StreamSubscriptionStartPosition.EarliestAvailable);
            if (resumed.Kind != QueueCacheCursorResultKind.Success)
            {
                resumed = inner.TryGetCacheCursor(streamId, token);
            }

            return resumed.Cursor ?? throw miss;
        }
    }

    private sealed class Cursor(Cache cache, StreamId streamId, IQueueCacheCursor inner) : IQueueCacheCursor
    {
        private IQueueCacheCursor _inner = inner;

        public IBatchContainer? GetCurrent(out Exception? exception) => _inner.GetCurrent(out exception);

#pragma warning disable CS0618
        public bool MoveNext() => _inner.MoveNext();
#pragma warning restore CS0618

        public QueueCacheCursorMoveResult MoveNextWithResult() => _inner.MoveNextWithResult();

        public void RecordDeliveryFailure() => _inner.RecordDeliveryFailure();

        public void Refresh(StreamSequenceToken token)
        {
            try
            {
                _inner.Refresh(token);
            }
            catch (QueueCacheMissException miss)
            {
                _inner.Dispose();
                _inner = cache.Resume(streamId, token, miss);
            }
        }

        public void Dispose() => _inner.Dispose();
    }
}
