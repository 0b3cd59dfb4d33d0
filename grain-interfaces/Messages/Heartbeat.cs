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
    [property: Id(15)] ImmutableArray<string> ConfigStreams);

/// <summary>One GPU of a heartbeat (<c>GPUS[i]</c>).</summary>
[GenerateSerializer, Immutable, Alias("r1.gpu-info")]
public sealed record GpuInfo(
    [property: Id(0)] string Name,
    [property: Id(1)] double TotalMemoryGb,
    [property: Id(2)] double AllocatedMemoryGb,
    [property: Id(3)] double FreeMemoryGb,
    [property: Id(4)] double? UsedPercent,
    [property: Id(5)] double? TemperatureC);

/// <summary>One running instance of a heartbeat (<c>ACTIVE_PLUGINS[i]</c>).</summary>
[GenerateSerializer, Immutable, Alias("r1.active-plugin-info")]
public sealed record ActivePluginInfo(
    [property: Id(0)] string StreamId,
    [property: Id(1)] string Signature,
    [property: Id(2)] string InstanceId,
    [property: Id(3)] double ProcessDelay,
    [property: Id(4)] double Frequency,
    [property: Id(5)] DateTimeOffset? InitTimestamp,
    [property: Id(6)] DateTimeOffset? ExecTimestamp,
    [property: Id(7)] DateTimeOffset? LastConfigTimestamp,
    [property: Id(8)] DateTimeOffset? LastErrorTime,
    [property: Id(9)] bool OutsideWorkingHours,
    [property: Id(10)] long CurrentProcessIteration,
    [property: Id(11)] long CurrentExecIteration,
    [property: Id(12)] DateTimeOffset? LastPayloadTime,
    [property: Id(13)] long TotalPayloadCount,
    [property: Id(14)] string? Info);
