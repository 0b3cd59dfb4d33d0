using System.Diagnostics;

namespace Ratio1.Orleans.Bench.Measurement;

/// <summary>Latencies of repeated operations, summarised as percentiles.</summary>
public sealed class LatencySample(string name)
{
    private readonly List<double> _milliseconds = [];
    private double _wallSeconds;

    public string Name { get; } = name;

    public int Count => _milliseconds.Count;

    /// <summary>Times <paramref name="iterations"/> sequential runs of <paramref name="operation"/> (after <paramref name="warmup"/> untimed ones).</summary>
    public static async Task<LatencySample> MeasureAsync(string name, int warmup, int iterations, Func<int, Task> operation)
    {
        for (var i = 0; i < warmup; i++)
        {
            await operation(-1 - i);
        }

        var sample = new LatencySample(name);
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await operation(i);
            sample._milliseconds.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        sample._wallSeconds = wall.Elapsed.TotalSeconds;
        return sample;
    }

    public double Percentile(double p)
    {
        var sorted = _milliseconds.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    public double Mean => _milliseconds.Average();

    public double PerSecond => Count / _wallSeconds;
}
