using Ratio1.Orleans.Contracts.Messages;

namespace Ratio1.Orleans.Dashboard.Feed;

/// <summary>
/// What the page shows of one heartbeat (<c>HeartbeatView</c> in docs/dashboard.md): the node's resources in the units
/// the page charts (MiB of memory, GiB of disk), null where the node did not report a value.
/// </summary>
/// <param name="At">When the node sent it (its <c>EE_TIMESTAMP</c>).</param>
/// <param name="AgeSeconds">Seconds between <paramref name="At"/> and when this view was read.</param>
/// <param name="ServedModels">Names of the models the node declares (their details: <c>/api/nodes/{node}/models</c>).</param>
/// <param name="Pipelines">Pipelines the node runs (its <c>CONFIG_STREAMS</c>).</param>
/// <param name="Instances">Plugin instances the node runs (its <c>ACTIVE_PLUGINS</c>).</param>
public sealed record HeartbeatView(
    DateTimeOffset At,
    double AgeSeconds,
    double? CpuPercent,
    double? MemoryUsedMiB,
    double? MemoryTotalMiB,
    double? DiskUsedGiB,
    double? DiskTotalGiB,
    IReadOnlyList<GpuView> Gpus,
    IReadOnlyList<string> ServedModels,
    int Pipelines,
    int Instances)
{
    private const double MiBPerGiB = 1024;

    /// <summary>The view of <paramref name="heartbeat"/> as read at <paramref name="now"/>.</summary>
    public static HeartbeatView Of(Heartbeat heartbeat, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(heartbeat);
        // A total of zero means the node could not read it (e.g. no permission on the disk): unknown, not empty.
        var memoryKnown = heartbeat.MachineMemoryGb > 0;
        var diskKnown = heartbeat.TotalDiskGb > 0;
        return new HeartbeatView(
            heartbeat.Envelope.Timestamp,
            AgeOf(heartbeat.Envelope.Timestamp, now),
            double.IsFinite(heartbeat.CpuUsedPercent) ? heartbeat.CpuUsedPercent : null,
            memoryKnown ? (heartbeat.MachineMemoryGb - heartbeat.AvailableMemoryGb) * MiBPerGiB : null,
            memoryKnown ? heartbeat.MachineMemoryGb * MiBPerGiB : null,
            diskKnown ? heartbeat.TotalDiskGb - heartbeat.AvailableDiskGb : null,
            diskKnown ? heartbeat.TotalDiskGb : null,
            [.. heartbeat.Gpus.IsDefault ? [] : heartbeat.Gpus.Select(GpuView.Of)],
            [.. heartbeat.Models.IsDefault ? [] : heartbeat.Models.Select(m => m.Name)],
            heartbeat.ConfigStreams.IsDefault ? 0 : heartbeat.ConfigStreams.Length,
            heartbeat.ActivePlugins.IsDefault ? 0 : heartbeat.ActivePlugins.Length);
    }

    /// <summary>This view with its age as of <paramref name="now"/>.</summary>
    public HeartbeatView AsOf(DateTimeOffset now) => this with { AgeSeconds = AgeOf(At, now) };

    // Clocks of node and dashboard differ a little: a heartbeat "from the future" is as fresh as it gets.
    private static double AgeOf(DateTimeOffset at, DateTimeOffset now) => Math.Max(0, Math.Round((now - at).TotalSeconds, 1));
}
