using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Ratio1.Orleans.Contracts.Messages;

namespace Ratio1.Orleans.Edge.Heartbeats;

/// <summary>
/// Readings of this machine for heartbeats: CPU use (from <c>/proc/stat</c>, between two readings), cores and CPU
/// name, memory (<c>/proc/meminfo</c>), this process's memory, the disk holding the data directory, and GPUs
/// (<c>nvidia-smi</c>, when installed; none otherwise). Sizes in GiB, as Ratio1 reports them.
/// </summary>
public sealed class MachineReadings(TimeProvider time)
{
    private const double GiB = 1024d * 1024 * 1024;
    private readonly Lock _lock = new();
    private (ulong Busy, ulong Total)? _lastCpu;
    private readonly string _cpuName = ReadCpuName();
    private readonly DateTimeOffset _startedAt = time.GetUtcNow();

    public sealed record Snapshot(
        double CpuUsedPercent, int CpuCores, string CpuName,
        double MachineMemoryGb, double AvailableMemoryGb, double ProcessMemoryGb,
        double TotalDiskGb, double AvailableDiskGb,
        ImmutableArray<GpuInfo> Gpus, double UptimeSeconds);

    /// <summary>Reads the machine now; <paramref name="dataDirectory"/> picks the disk reported.</summary>
    public async Task<Snapshot> ReadAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var (total, available) = ReadMemory();
        var (diskTotal, diskFree) = ReadDisk(dataDirectory);
        return new Snapshot(
            ReadCpuPercent(), Environment.ProcessorCount, _cpuName,
            total, available, Process.GetCurrentProcess().WorkingSet64 / GiB,
            diskTotal, diskFree,
            await ReadGpusAsync(cancellationToken), (time.GetUtcNow() - _startedAt).TotalSeconds);
    }

    private double ReadCpuPercent()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(ulong.Parse).ToArray();
            var idle = fields[3] + (fields.Length > 4 ? fields[4] : 0);
            var total = fields.Aggregate(0UL, (a, b) => a + b);
            lock (_lock)
            {
                var previous = _lastCpu;
                _lastCpu = (total - idle, total);
                if (previous is not { } p || total <= p.Total)
                {
                    return 0;
                }

                return Math.Round(100.0 * (total - idle - p.Busy) / (total - p.Total), 1);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 0;
        }
    }

    private static (double Total, double Available) ReadMemory()
    {
        try
        {
            var values = File.ReadLines("/proc/meminfo")
                .Select(l => l.Split(':', 2))
                .Where(p => p.Length == 2)
                .ToDictionary(p => p[0], p => double.Parse(p[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024 / GiB);
            return (values.GetValueOrDefault("MemTotal"), values.GetValueOrDefault("MemAvailable"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            var info = GC.GetGCMemoryInfo();
            return (info.TotalAvailableMemoryBytes / GiB, 0);
        }
    }

    private static (double Total, double Free) ReadDisk(string dataDirectory)
    {
        try
        {
            var drive = new DriveInfo(Path.GetFullPath(dataDirectory));
            return (drive.TotalSize / GiB, drive.AvailableFreeSpace / GiB);
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return (0, 0);
        }
    }

    private static string ReadCpuName()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
                ?? System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString();
        }
    }

    private static async Task<ImmutableArray<GpuInfo>> ReadGpusAsync(CancellationToken cancellationToken)
    {
        var smi = new[] { "/usr/bin/nvidia-smi", "/usr/local/bin/nvidia-smi" }.FirstOrDefault(File.Exists);
        if (smi is null)
        {
            return [];
        }

        try
        {
            using var process = Process.Start(new ProcessStartInfo(smi, "--query-gpu=name,memory.total,memory.used,memory.free,utilization.gpu,temperature.gpu --format=csv,noheader,nounits")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            var output = await process.StandardOutput.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(ParseGpu)];
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or OperationCanceledException or FormatException or IndexOutOfRangeException)
        {
            return [];
        }
    }

    private static GpuInfo ParseGpu(string line)
    {
        var f = line.Split(',').Select(s => s.Trim()).ToArray();
        double? Number(int i) => double.TryParse(f[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
        return new GpuInfo(f[0], (Number(1) ?? 0) / 1024, (Number(2) ?? 0) / 1024, (Number(3) ?? 0) / 1024, Number(4), Number(5));
    }
}
