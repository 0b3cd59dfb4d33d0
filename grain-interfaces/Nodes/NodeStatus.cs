namespace Ratio1.Orleans.Contracts.Nodes;

/// <summary>Liveness of a node as its grain sees it.</summary>
public enum NodeStatus
{
    /// <summary>The node registered once but has not reported since its grain was (re)activated.</summary>
    Unknown = 0,
    /// <summary>Its silo reported within the last <see cref="NodeLiveness.LostAfter"/>.</summary>
    Online = 1,
    /// <summary>Its silo shut down cleanly.</summary>
    Offline = 2,
    /// <summary>No report for longer than <see cref="NodeLiveness.LostAfter"/> (Ratio1's "LOST STATUS").</summary>
    Lost = 3,
}

/// <summary>Liveness rules shared by nodes and clients.</summary>
public static class NodeLiveness
{
    /// <summary>A node is lost after this long without a report (Ratio1: 60 s).</summary>
    public static readonly TimeSpan LostAfter = TimeSpan.FromSeconds(60);

    /// <summary>Status of a node last seen at <paramref name="lastSeen"/>, at time <paramref name="now"/>.</summary>
    public static NodeStatus Evaluate(bool shutDownCleanly, DateTimeOffset lastSeen, DateTimeOffset now) =>
        shutDownCleanly ? NodeStatus.Offline : now - lastSeen > LostAfter ? NodeStatus.Lost : NodeStatus.Online;

    /// <summary>The Ratio1 wording of a status (<c>ONLINE</c>, <c>LOST STATUS</c>, ...).</summary>
    public static string ToRatio1Status(this NodeStatus status) => status switch
    {
        NodeStatus.Online => "ONLINE",
        NodeStatus.Offline => "OFFLINE",
        NodeStatus.Lost => "LOST STATUS",
        _ => "UNKNOWN",
    };
}
