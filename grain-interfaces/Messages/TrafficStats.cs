namespace Ratio1.Orleans.Contracts.Messages;

/// <summary>
/// What a node's silo did with its traffic since it started (a heartbeat's <c>Traffic</c>): messages handed to the
/// stream provider, and every message that was not delivered, by reason. Counts only grow, like Prometheus counters:
/// the difference between two heartbeats is what happened in between.
/// </summary>
/// <param name="Published">Messages the stream provider accepted.</param>
/// <param name="DroppedTooBig">Refused before publishing: larger than <see cref="MaxMessageBytes"/>.</param>
/// <param name="DroppedBacklogFull">Dropped because a bounded backlog (the publisher's, or a stream queue) was full: the oldest go first.</param>
/// <param name="DroppedNoSubscriber">Evicted from the stream cache without any subscriber on their stream.</param>
/// <param name="DroppedExpired">Too old to send (a stalled provider), or evicted before a slow subscriber read them (counted per subscriber).</param>
/// <param name="BacklogMessages">Messages waiting in the publisher now.</param>
/// <param name="BufferedBytes">Bytes of traffic held now: the publisher's backlog, the stream queues and caches of this silo.</param>
/// <param name="MaxMessageBytes">The node's limit of one message (<c>Traffic:MaxMessageBytes</c>).</param>
[GenerateSerializer, Immutable, Alias("r1.traffic-stats")]
public sealed record TrafficStats(
    [property: Id(0)] long Published,
    [property: Id(1)] long DroppedTooBig,
    [property: Id(2)] long DroppedBacklogFull,
    [property: Id(3)] long DroppedNoSubscriber,
    [property: Id(4)] long DroppedExpired,
    [property: Id(5)] long BacklogMessages,
    [property: Id(6)] long BufferedBytes,
    [property: Id(7)] long MaxMessageBytes)
{
    /// <summary>Nothing sent, nothing dropped.</summary>
    public static readonly TrafficStats Empty = new(0, 0, 0, 0, 0, 0, 0, MessageSize.DefaultLimit);

    /// <summary>Every message not delivered, whatever the reason.</summary>
    public long Dropped => DroppedTooBig + DroppedBacklogFull + DroppedNoSubscriber + DroppedExpired;
}
