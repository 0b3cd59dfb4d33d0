namespace Ratio1.Orleans.Edge.Traffic;

/// <summary>What a node's traffic went through while its stream provider was unreachable (a database outage, a cut link).</summary>
/// <param name="Duration">From the first failed send to the moment every lane sent again.</param>
/// <param name="DroppedBacklogFull">Messages dropped, oldest first, because the bounded backlog was full (<c>Traffic:BacklogMiB</c>).</param>
/// <param name="DroppedExpired">Messages dropped because the silo stopped before it could send them.</param>
/// <param name="DroppedTooBig">Batches refused as too large by the provider meanwhile.</param>
/// <param name="Waiting">Messages still waiting in the publisher when it was heard again, now sent in order.</param>
public sealed record TrafficOutageReport(TimeSpan Duration, long DroppedBacklogFull, long DroppedExpired, long DroppedTooBig, long Waiting)
{
    /// <summary>Every message lost during the outage.</summary>
    public long Dropped => DroppedBacklogFull + DroppedExpired + DroppedTooBig;
}
