using System.Collections.Immutable;
using Ratio1.Orleans.Contracts;
using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Contracts.Nodes;
using Ratio1.Orleans.Edge.Traffic;

namespace Ratio1.Orleans.Edge.Heartbeats;

/// <summary>
/// Sends a node's heartbeat: the message, on the node's heartbeat stream (for clients), and the node's presence, to
/// its node grain (which keeps the node ONLINE until 60 s pass without one).
/// </summary>
public sealed class HeartbeatSender(IGrainFactory grains, TrafficPublisher traffic)
{
    /// <summary>The heartbeat of <paramref name="nodeId"/> with these readings and what the node runs.</summary>
    public Heartbeat Compose(
        string nodeId, MachineReadings.Snapshot readings, string version, int secondsHeartbeat,
        ImmutableArray<ActivePluginInfo> activePlugins, ImmutableArray<string> pipelines) =>
        new(
            traffic.Envelope(nodeId, null, null, null), NodeStatus.Online.ToRatio1Status(),
            readings.CpuUsedPercent, readings.CpuCores, readings.CpuName,
            readings.MachineMemoryGb, readings.AvailableMemoryGb, readings.ProcessMemoryGb,
            readings.TotalDiskGb, readings.AvailableDiskGb, readings.Gpus, readings.UptimeSeconds, version, secondsHeartbeat,
            activePlugins, pipelines)
        {
            Traffic = traffic.Stats(),
        };

    /// <summary>Publishes <paramref name="heartbeat"/> and reports the node present on <paramref name="siloAddress"/>.</summary>
    /// <param name="runtime">The node's runtime, so a node grain that reactivated can deliver commands again.</param>
    public Task SendAsync(Heartbeat heartbeat, string siloAddress, INodeRuntime? runtime, CancellationToken cancellationToken)
    {
        traffic.Publish(heartbeat);
        return grains.GetNode(heartbeat.Envelope.NodeId).ReportPresenceAsync(siloAddress, runtime, cancellationToken);
    }
}
