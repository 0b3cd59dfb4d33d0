using Orleans.Streams;

namespace Ratio1.Orleans.Edge.Traffic.Queues;

/// <summary>Reads one traffic queue for its pulling agent.</summary>
internal sealed class TrafficQueueReceiver(ITrafficQueueGrain queue) : IQueueAdapterReceiver
{
    public Task Initialize(TimeSpan timeout) => Task.CompletedTask;

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => [.. await queue.DequeueAsync(maxCount)];

    // Delivery needs no acknowledgement: a batch leaves its queue when it is read.
    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => Task.CompletedTask;

    public Task Shutdown(TimeSpan timeout) => Task.CompletedTask;
}
