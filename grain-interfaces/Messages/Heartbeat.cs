using System.Collections.Immutable;

namespace Ratio1.Orleans.Contracts.Messages;

/// <summary>
/// A node's periodic report (<c>EE_EVENT_TYPE = HEARTBEAT</c>): resources of the machine, version, uptime and its
/// active plugin instances. Sizes are in GiB as in Ratio1.
/// </summary>
[GenerateSerializer, Immutable, Alias("r1.heartbeat")]
public sealed record Heartbeat(
    [property: Id(0)] MessageEnvelope Envelope,
    [property: Id(1)] string DeviceStatus,
    [property: Id(2)] double CpuUsedPercent,
    [property: Id(3)] int CpuCores,
    [property: Id(4)] string CpuName,
    [property: Id(5)] double MachineMemoryGb,
    [property: Id(6)] double AvailableMemoryGb,
    [property: Id(7)] double ProcessMemoryGb,
    [property: Id(8)] double TotalDiskGb,
    [property: Id(9)] double AvailableDiskGb,
    [property: Id(10)] ImmutableArray<GpuInfo> Gpus,
    [property: Id(11)] double UptimeSeconds,
    [property: Id(12)] string Version,
    [property: Id(13)] int SecondsHeartbeat,
    [property: Id(14)] ImmutableArray<ActivePluginInfo> ActivePlugins,
    [property: Id(15)] ImmutableArray<string> ConfigStreams)
{
    /// <summary>The models the node serves: state, execution provider and device (with the reason for any fallback), and what each has served.</summary>
    [Id(16)]
    public ImmutableArray<Serving.ModelStatus> Models { get; init; } = [];

    /// <summary>What the node did with its traffic since its silo started: messages published and every one dropped, by reason.</summary>
    [Id(17)]
    public TrafficStats Traffic { get; init; } = TrafficStats.Empty;
}
