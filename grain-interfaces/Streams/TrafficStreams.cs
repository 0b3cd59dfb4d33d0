namespace Ratio1.Orleans.Contracts.Streams;

/// <summary>
/// Where a node's traffic is published: payloads per pipeline, notifications and heartbeats per node, so a client
/// subscribes to exactly what it needs. All on one Orleans stream provider, <see cref="ProviderName"/>.
/// </summary>
public static class TrafficStreams
{
    /// <summary>The stream provider silos and clients register.</summary>
    public const string ProviderName = "r1-traffic";

    public const string PayloadNamespace = "r1.payloads";
    public const string NotificationNamespace = "r1.notifications";
    public const string HeartbeatNamespace = "r1.heartbeats";

    /// <summary>Payloads of one pipeline.</summary>
    public static StreamId Payloads(string nodeId, string pipeline) => StreamId.Create(PayloadNamespace, $"{nodeId}/{pipeline}");

    /// <summary>Every notification of one node (each names its pipeline and instance).</summary>
    public static StreamId Notifications(string nodeId) => StreamId.Create(NotificationNamespace, nodeId);

    /// <summary>Heartbeats of one node.</summary>
    public static StreamId Heartbeats(string nodeId) => StreamId.Create(HeartbeatNamespace, nodeId);
}
