using Orleans.Runtime.Providers;

namespace Ratio1.Orleans.Edge.Traffic.Queues;

/// <summary>
/// How long a traffic queue's pulling agent waits before it tries again to read its queue, or to deliver a message to
/// a subscriber, after a failure: doubling from <paramref name="first"/> up to <paramref name="longest"/>. Orleans'
/// defaults (reads: 10 to 20 s; deliveries: 1 to 30 s) kept a queue unread, or a client unserved, for up to half a
/// minute after a silo of the cluster died (its queue grain, or the gateway a client was reached through, went with it),
/// though the cluster had settled within seconds.
/// </summary>
public sealed class TrafficBackoff(TimeSpan first, TimeSpan longest) : IMessageDeliveryBackoffProvider, IQueueReaderBackoffProvider
{
    /// <summary>Retries from a quarter of a second, at most two seconds apart.</summary>
    public static TrafficBackoff Default { get; } = new(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(2));

    public TimeSpan Next(int attempt)
    {
        var factor = Math.Pow(2, Math.Clamp(attempt, 0, 16));
        return TimeSpan.FromTicks((long)Math.Min(longest.Ticks, first.Ticks * factor));
    }
}
