using System.Diagnostics;

namespace Ratio1.Orleans.Bench.Measurement;

/// <summary>Latencies of repeated operations, summarised as percentiles.</summary>
public sealed class LatencySample(string name)
{
    private readonly List<double> _milliseconds = [];
    private double _busySeconds;

    public string Name { get; } = name;

    public int Count => _milliseconds.Count;

    public double Mean => _milliseconds.Average();

    /// <summary>Operations per second of time spent in this operation.</summary>
    public double PerSecond => Count / _busySeconds;

    /// <summary>
    /// Times <paramref name="iterations"/> runs of <paramref name="target"/> and of <paramref name="baseline"/>,
    /// alternating one of each, after <paramref name="warmup"/> untimed rounds. Alternating means both see the same
    /// machine (these machines are noisy), so their ratio is fair even when absolute times drift.
    /// </summary>
    public static async Task<Comparison> CompareAsync(
        string baselineName, Func<int, Task> baseline, string targetName, Func<int, Task> target, int warmup, int iterations)
    {
        for (var i = 0; i < warmup; i++)
        {
            await baseline(-1 - i);
            await target(-1 - i);
        }

        var baselineSample = new LatencySample(baselineName);
        var targetSample = new LatencySample(targetName);
        for (var i = 0; i < iterations; i++)
        {
            await baselineSample.TimeAsync(() => baseline(i));
            await targetSample.TimeAsync(() => target(i));
        }

        return new Comparison(baselineSample, targetSample);
    }

    public double Percentile(double p) => Percentiles.Of(_milliseconds, p);

    /// <summary>Runs <paramref name="operation"/> once and adds its time to the sample.</summary>
    public async Task TimeAsync(Func<Task> operation)
    {
        var start = Stopwatch.GetTimestamp();
        await operation();
        var elapsed = Stopwatch.GetElapsedTime(start);
        _milliseconds.Add(elapsed.TotalMilliseconds);
        _busySeconds += elapsed.TotalSeconds;
    }
}

/// <summary>A target operation and the baseline measured alternately with it.</summary>
public sealed record Comparison(LatencySample Baseline, LatencySample Target)
{
    public double P50Ratio => Target.Percentile(50) / Baseline.Percentile(50);

    public double P99Ratio => Target.Percentile(99) / Baseline.Percentile(99);
}
