using Orleans.Streams;

namespace Ratio1.Orleans.Edge.Traffic.Queues;

/// <summary>
/// Reads one traffic queue for its pulling agent. Polling an empty queue every pulling period is what an idle node
/// spent its CPU on (a grain call and a thread-pool wake-up each time); so once a read finds the queue empty, the next
/// read first waits for the queue's doorbell (rung by the queue grain when a batch arrives: the read then follows at
/// once, sooner than the next period would) for at most the idle polling period, and reads anyway after it, in case a
/// ring cannot reach this silo (a queue grain reactivated elsewhere). The agent's timer does not tick while a read
/// waits, and the agent answers subscription calls meanwhile (its timer interleaves).
/// </summary>
internal sealed class TrafficQueueReceiver(ITrafficQueueGrain queue, TrafficQueueDoorbells.Doorbell doorbell, TimeSpan idlePollingPeriod, TimeProvider time) : IQueueAdapterReceiver
{
    private readonly CancellationTokenSource _stopping = new();
    private bool _empty;

    public Task Initialize(TimeSpan timeout) => Task.CompletedTask;

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount)
    {
        if (_empty && idlePollingPeriod > TimeSpan.Zero && !_stopping.IsCancellationRequested)
        {
            await doorbell.WaitAsync(idlePollingPeriod, time, _stopping.Token);
        }

        // Answered before reading: a batch queued while the read is in flight rings again, and is read next.
        doorbell.Answer();
        var batches = await queue.DequeueAsync(maxCount);
        _empty = batches.Length == 0;
        return batches;
    }

    // Delivery needs no acknowledgement: a batch leaves its queue when it is read.
    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => Task.CompletedTask;

    public Task Shutdown(TimeSpan timeout)
    {
        _stopping.Cancel();
        return Task.CompletedTask;
    }
}
