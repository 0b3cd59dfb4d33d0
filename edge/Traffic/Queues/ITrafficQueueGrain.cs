using Ratio1.Orleans.Contracts.Streams;

namespace Ratio1.Orleans.Edge.Traffic.Queues;

/// <summary>
/// One queue of the node's memory traffic streams: publishers (on any silo) enqueue, the queue's pulling agent
/// dequeues. Bounded in bytes (<see cref="TrafficOptions.QueueMiB"/>): a full queue refuses rather than grows.
/// Keyed <c>provider/queue</c>.
/// </summary>
[Alias("r1.traffic-queue")]
public interface ITrafficQueueGrain : IGrainWithStringKey
{
    /// <summary>Appends <paramref name="batch"/>; false (nothing queued) when the queue is full.</summary>
    [Alias("enqueue")]
    Task<bool> EnqueueAsync(TrafficBatch batch);

    /// <summary>Takes up to <paramref name="maxCount"/> batches, oldest first.</summary>
    [Alias("dequeue")]
    Task<TrafficBatch[]> DequeueAsync(int maxCount);

    /// <summary>
    /// Puts <paramref name="batches"/>, just taken by a reader that can no longer deliver them (its pulling agent is
    /// shutting down: the queue moved to another silo), back at the head of the queue, in their order, for the queue's
    /// next reader. Accepted even when the queue is full, as they were counted when first queued.
    /// </summary>
    [Alias("return")]
    Task ReturnAsync(TrafficBatch[] batches);
}
