namespace Ratio1.Orleans.Contracts.Messages;

/// <summary>One GPU of a heartbeat (<c>GPUS[i]</c>).</summary>
[GenerateSerializer, Immutable, Alias("r1.gpu-info")]
public sealed record GpuInfo(
    [property: Id(0)] string Name,
    [property: Id(1)] double TotalMemoryGb,
    [property: Id(2)] double AllocatedMemoryGb,
    [property: Id(3)] double FreeMemoryGb,
    [property: Id(4)] double? UsedPercent,
    [property: Id(5)] double? TemperatureC);
