using Ratio1.Orleans.Contracts.Messages;

namespace Ratio1.Orleans.Dashboard.Feed;

/// <summary>One GPU of a <see cref="HeartbeatView"/>.</summary>
/// <param name="LoadPercent">The GPU's load, or null when the node could not read it.</param>
public sealed record GpuView(string Name, double? MemoryUsedMiB, double? MemoryTotalMiB, double? LoadPercent)
{
    public static GpuView Of(GpuInfo gpu)
    {
        ArgumentNullException.ThrowIfNull(gpu);
        var known = gpu.TotalMemoryGb > 0;
        return new GpuView(gpu.Name, known ? gpu.AllocatedMemoryGb * 1024 : null, known ? gpu.TotalMemoryGb * 1024 : null, gpu.UsedPercent);
    }
}
