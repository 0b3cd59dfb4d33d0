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
/// <remarks>
/// A read stops as soon as its agent shuts down (the queue balancer moved the queue to another silo, as it does when a
/// silo joins or leaves), and takes nothing then: the agent drops its cache right after, so batches read by a dying
/// agent were lost. Orleans waits for the read in progress before it shuts the receiver down, and a doorbell rung in
/// that window woke the read to take exactly the batch just queued (the first deploy's confirmation after a second
/// silo joined). Batches taken by a read that its agent's shutdown overtook go back to the head of the queue.
/// </remarks>
internal sealed class TrafficQueueReceiver(ITrafficQueueGrain queue, TrafficQueueDoorbells.Doorbell doorbell, TimeSpan idlePollingPeriod, TimeProvider time) : IQueueAdapterReceiver
{
    private readonly CancellationTokenSource _stopping = new();
    private bool _empty;

    public Task Initialize(TimeSpan timeout) => Task.CompletedTask;

    [Obsolete("Orleans calls the overload with a cancellation token.")]
    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => GetQueueMessagesAsync(maxCount, CancellationToken.None);

    /// <param name="cancellationToken">Cancelled when the agent stops pulling (its timer is disposed at shutdown).</param>
    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        if (_empty && idlePollingPeriod > TimeSpan.Zero && !stopping.IsCancellationRequested)
        {
            await doorbell.WaitAsync(idlePollingPeriod, time, stopping.Token);
        }

        if (stopping.IsCancellationRequested)
        {
            return [];
        }

        // Answered before reading: a batch queued while the read is in flight rings again, and is read next.
        doorbell.Answer();
        var batches = await queue.DequeueAsync(maxCount);
        if (stopping.IsCancellationRequested && batches.Length > 0)
        {
            await queue.ReturnAsync(batches);
            return [];
        }

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
