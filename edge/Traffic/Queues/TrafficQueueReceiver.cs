using Orleans.Streams;

namespace Ratio1.Orleans.Edge.Traffic.Queues;

/// <summary>
/// Reads one traffic queue for its pulling agent. The agent asks every pulling period; while the queue stays empty the
/// receiver answers from its doorbell instead of calling the queue grain, which is what an idle node spent its CPU on.
/// It reads the queue when the doorbell rang (a batch was enqueued), and at least every idle polling period in case a
/// ring could not reach it (a queue grain reactivated on another silo).
/// </summary>
internal sealed class TrafficQueueReceiver(ITrafficQueueGrain queue, TrafficQueueDoorbells.Doorbell doorbell, TimeSpan idlePollingPeriod, TimeProvider time) : IQueueAdapterReceiver
{
    private bool _idle;
    private long _lastRead;

    public Task Initialize(TimeSpan timeout) => Task.CompletedTask;

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount)
    {
        // Answered before reading: a batch enqueued while the read is in flight rings again and is read next period.
        var rang = doorbell.Answer();
        if (_idle && !rang && time.GetElapsedTime(_lastRead) < idlePollingPeriod)
        {
            return [];
        }

        _lastRead = time.GetTimestamp();
        var batches = await queue.DequeueAsync(maxCount);
        // Idle only after an empty read that no ring preceded: a ring may belong to a batch still on its way.
        _idle = idlePollingPeriod > TimeSpan.Zero && batches.Length == 0 && !rang;
        return batches;
    }

    // Delivery needs no acknowledgement: a batch leaves its queue when it is read.
    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => Task.CompletedTask;

    public Task Shutdown(TimeSpan timeout) => Task.CompletedTask;
}
