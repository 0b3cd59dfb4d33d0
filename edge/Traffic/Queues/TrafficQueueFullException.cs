namespace Ratio1.Orleans.Edge.Traffic.Queues;

/// <summary>A traffic queue refused a batch: it holds its capacity (<see cref="TrafficOptions.QueueMiB"/>) already. Never leaves the publishing silo.</summary>
public sealed class TrafficQueueFullException(string queue)
    : Exception($"The traffic queue {queue} is full (Traffic:QueueMiB); its pulling agent does not keep up.");
