using System.Diagnostics;

namespace Ratio1.Orleans.Bench.Measurement;

/// <summary>
/// What this process spent over a stretch of time: CPU time (all threads) per second of wall time, and the memory it
/// held at the end (managed heap after a full collection, and the working set).
/// </summary>
public sealed record ProcessCost(string Name, TimeSpan Wall, TimeSpan Cpu, long ManagedBytes, long WorkingSetBytes)
{
    /// <summary>CPU time per wall second, in percent of one core.</summary>
    public double CpuPercentOfCore => 100 * Cpu.TotalSeconds / Wall.TotalSeconds;

    /// <summary>Measures the process while <paramref name="window"/> passes.</summary>
    public static async Task<ProcessCost> MeasureAsync(string name, TimeSpan window, CancellationToken cancellationToken = default)
    {
        var (wall, cpu) = await TimeAsync(() => Task.Delay(window, cancellationToken));
        var (managed, workingSet) = Memory();
        return new ProcessCost(name, wall, cpu, managed, workingSet);
    }

    /// <summary>Wall and CPU time of <paramref name="work"/> (CPU of the whole process, so nothing else should run).</summary>
    public static async Task<(TimeSpan Wall, TimeSpan Cpu)> TimeAsync(Func<Task> work)
    {
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var start = Stopwatch.GetTimestamp();
        await work();
        var wall = Stopwatch.GetElapsedTime(start);
        process.Refresh();
        return (wall, process.TotalProcessorTime - cpuBefore);
    }

    /// <summary>Managed heap after a full, compacting collection, and the working set.</summary>
    public static (long Managed, long WorkingSet) Memory()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var managed = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        return (managed, process.WorkingSet64);
    }
}
