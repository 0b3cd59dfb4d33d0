namespace Ratio1.Orleans.Contracts.Nodes;

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
        _ => status.ToString().ToUpperInvariant(),
    };
}
