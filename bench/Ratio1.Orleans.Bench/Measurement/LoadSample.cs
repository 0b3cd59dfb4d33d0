namespace Ratio1.Orleans.Bench.Measurement;

/// <summary>What a closed-loop window served: items per second and the latency of each call (µs).</summary>
public sealed record LoadSample(string Name, long Items, TimeSpan Window, double[] LatencyMicroseconds)
{
    public double ItemsPerSecond => Items / Window.TotalSeconds;

    public double Percentile(double p) => Percentiles.Of(LatencyMicroseconds, p);
}
