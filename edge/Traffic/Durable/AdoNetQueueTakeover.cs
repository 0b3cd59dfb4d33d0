using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Streams;

namespace Ratio1.Orleans.Edge.Traffic.Durable;

/// <summary>
/// Wraps Orleans' ADO.NET stream provider so that a queue taken over by a new receiver (its silo restarted after a
/// crash, or the queue moved to another silo) delivers what the previous receiver read and never confirmed at once and
/// in order — and so does a receiver whose read failed (the database went away in the middle of it). Orleans' receiver claims messages (hides them for the visibility timeout) when it reads them and deletes
/// them only after delivery; a killed silo's claims would otherwise hold those messages back for the whole timeout
/// (a minute) while newer ones go out first, and a client that skips what is older than what it already has would
/// then drop them. So a new receiver first waits <see cref="TrafficOptions.AdoNetResumeDelayMs"/>, which lets the
/// clients of a restarted silo reconnect and subscribe again before anything is delivered (Orleans confirms messages
/// that have no subscriber), then makes every claimed message of its queue visible again and reads from the oldest.
/// </summary>
public sealed partial class AdoNetQueueTakeover(IQueueAdapterFactory inner, string connectionString, string serviceId, TimeSpan resumeDelay, TimeProvider time, ILogger<AdoNetQueueTakeover> logger)
    : IQueueAdapterFactory
{
    private readonly TimeProvider _time = time;
    private readonly ILogger _logger = logger;

    // One statement: no transaction is needed, and a receiver of this queue still alive elsewhere (a hand-over in
    // progress) at worst delivers some messages twice, which clients skip by their sequence.
    private const string ReleaseClaims =
        "UPDATE stream_message SET visible_on = now(), modified_on = now() " +
        "WHERE service_id = @ServiceId AND provider_id = @ProviderId AND queue_id = @QueueId AND visible_on > now()";

    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task<IQueueAdapter> CreateAdapter() => CreateAdapter(CancellationToken.None);

    public async Task<IQueueAdapter> CreateAdapter(CancellationToken cancellationToken) =>
        new Adapter(await inner.CreateAdapter(cancellationToken), this);

    // Orleans' cache can stall a whole queue on a subscriber that joined while the cache was empty (ResumingQueueCache).
    public IQueueAdapterCache GetQueueAdapterCache() => new ResumingQueueCache(inner.GetQueueAdapterCache(), _logger);

    public IStreamQueueMapper GetStreamQueueMapper() => inner.GetStreamQueueMapper();

    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) => inner.GetDeliveryFailureHandler(queueId);

    private async Task<int> ReleaseClaimsAsync(string providerId, string queueId, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(ReleaseClaims, connection);
        command.Parameters.AddWithValue("ServiceId", serviceId);
        command.Parameters.AddWithValue("ProviderId", providerId);
        command.Parameters.AddWithValue("QueueId", queueId);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Traffic queue {QueueId} taken over: {Count} messages read by an earlier receiver and not confirmed are delivered again")]
    private static partial void LogReleased(ILogger logger, string queueId, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Traffic queue {QueueId} read again after a failed read: {Count} messages claimed and not confirmed are delivered again, in order")]
    private static partial void LogReleasedAfterFailedRead(ILogger logger, string queueId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Traffic queue {QueueId} taken over, but the messages an earlier receiver held could not be released (retrying at the next read)")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string queueId);

    private sealed class Adapter(IQueueAdapter inner, AdoNetQueueTakeover takeover) : IQueueAdapter
    {
        public string Name => inner.Name;

        public bool IsRewindable => inner.IsRewindable;

        public StreamProviderDirection Direction => inner.Direction;

        public Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext) =>
            inner.QueueMessageBatchAsync(streamId, events, token, requestContext);

        public IQueueAdapterReceiver CreateReceiver(QueueId queueId) =>
            new Receiver(inner.CreateReceiver(queueId), takeover, inner.Name, queueId.ToString(), takeover.ReadFrom());
    }

    private DateTimeOffset ReadFrom() => _time.GetUtcNow() + resumeDelay;

    private sealed class Receiver(IQueueAdapterReceiver inner, AdoNetQueueTakeover takeover, string providerId, string queueId, DateTimeOffset readFrom) : IQueueAdapterReceiver
    {
        private static readonly IList<IBatchContainer> Nothing = [];
        private bool _released;

        // The release is owed after a failed read rather than a takeover: logged as such, and its failures quietly
        // (the pulling agent already reports each failed read while the database is away).
        private bool _afterFailedRead;

        public Task Initialize(TimeSpan timeout) => inner.Initialize(timeout);

        public Task Initialize(TimeSpan timeout, CancellationToken cancellationToken) => inner.Initialize(timeout, cancellationToken);

        [Obsolete("Use the overload which accepts a CancellationToken.")]
        public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => GetQueueMessagesAsync(maxCount, CancellationToken.None);

        public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken)
        {
            if (!_released)
            {
                if (takeover._time.GetUtcNow() < readFrom)
                {
                    return Nothing;
                }

                try
                {
                    var released = await takeover.ReleaseClaimsAsync(providerId, queueId, cancellationToken);
                    _released = true;
                    if (released > 0 && _afterFailedRead)
                    {
                        LogReleasedAfterFailedRead(takeover._logger, queueId, released);
                    }
                    else if (released > 0)
                    {
                        LogReleased(takeover._logger, queueId, released);
                    }

                    _afterFailedRead = false;
                }
                catch (Exception e) when (e is NpgsqlException or TimeoutException)
                {
                    // The database is out of reach: nothing can be read either; the next read tries again.
                    if (!_afterFailedRead)
                    {
                        LogReleaseFailed(takeover._logger, e, queueId);
                    }

                    return Nothing;
                }
            }

            try
            {
                return await inner.GetQueueMessagesAsync(maxCount, cancellationToken);
            }
            catch
            {
                // A read that failed may still have claimed messages (the database took the statement, and its
                // answer was lost with the connection): hidden for the visibility timeout, they would come after
                // newer ones, and clients would skip them as redeliveries. The next read releases them first.
                _released = false;
                _afterFailedRead = true;
                throw;
            }
        }

        [Obsolete("Use the overload which accepts a CancellationToken.")]
        public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => inner.MessagesDeliveredAsync(messages, CancellationToken.None);

        public Task MessagesDeliveredAsync(IList<IBatchContainer> messages, CancellationToken cancellationToken) => inner.MessagesDeliveredAsync(messages, cancellationToken);

        public Task Shutdown(TimeSpan timeout) => inner.Shutdown(timeout);

        public Task Shutdown(TimeSpan timeout, CancellationToken cancellationToken) => inner.Shutdown(timeout, cancellationToken);
    }
}
