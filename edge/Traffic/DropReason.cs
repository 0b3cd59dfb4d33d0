namespace Ratio1.Orleans.Edge.Traffic;

/// <summary>Why a message was not delivered. Each is counted (metrics, heartbeat) and logged.</summary>
public enum DropReason
{
    /// <summary>Larger than the limit of one message; refused before publishing.</summary>
    TooBig,

    /// <summary>A bounded backlog (the publisher's, or a stream queue) was full: the oldest went first.</summary>
    BacklogFull,

    /// <summary>Evicted from the delivery cache with no subscriber on its stream.</summary>
    NoSubscriber,

    /// <summary>Too old to send (the provider stalled), or evicted before a slow subscriber read it.</summary>
    Expired,
}
