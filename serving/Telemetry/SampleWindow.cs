namespace Ratio1.Orleans.Serving.Telemetry;

/// <summary>The most recent samples of a measurement (a fixed number, so memory stays bounded), read as percentiles.</summary>
internal sealed class SampleWindow(int capacity)
{
    private readonly Lock _lock = new();
    private readonly double[] _samples = new double[capacity];
    private int _next;
    private int _count;

    public void Add(double sample)
    {
        lock (_lock)
        {
            Put(sample);
        }
    }

    public void AddRange(ReadOnlySpan<double> samples)
    {
        lock (_lock)
        {
            foreach (var sample in samples)
            {
                Put(sample);
            }
        }
    }

    /// <summary>Nearest-rank percentiles of the window, for each of <paramref name="percents"/> (0 when empty).</summary>
    public double[] Percentiles(params ReadOnlySpan<double> percents)
    {
        double[] sorted;
        lock (_lock)
        {
            sorted = _samples.AsSpan(0, _count).ToArray();
        }

        Array.Sort(sorted);
        var result = new double[percents.Length];
        for (var i = 0; i < percents.Length && sorted.Length > 0; i++)
        {
            var rank = (int)Math.Ceiling(percents[i] / 100 * sorted.Length) - 1;
            result[i] = sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
        }

        return result;
    }

    private void Put(double sample)
    {
        _samples[_next] = sample;
        _next = (_next + 1) % _samples.Length;
        _count = Math.Min(_count + 1, _samples.Length);
    }
}
