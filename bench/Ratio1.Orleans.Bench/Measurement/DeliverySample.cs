using System.Diagnostics;

namespace Ratio1.Orleans.Bench.Measurement;

/// <summary>
/// Messages a consumer received while the sample was open: how many per second, and how long each took from its
/// creation (its envelope's timestamp, same clock) to the consumer's handler.
/// </summary>
public sealed class DeliverySample(string name)
{
    private readonly Lock _lock = new();
    private readonly List<double> _latencyMs = [];
    private long _openedAt;
    private TimeSpan _duration;
    private bool _open;
    private long _received;

    public string Name { get; } = name;

    /// <summary>Every message received, in or out of the window.</summary>
    public long Received => Interlocked.Read(ref _received);

    public int Count => _latencyMs.Count;

    public double PerSecond => Count / _duration.TotalSeconds;

    public void Record(DateTimeOffset createdAt)
    {
        var latency = (DateTimeOffset.UtcNow - createdAt).TotalMilliseconds;
        Interlocked.Increment(ref _received);
        lock (_lock)
        {
            if (_open)
            {
                _latencyMs.Add(latency);
            }
        }
    }

    /// <summary>Counts what arrives during <paramref name="window"/>.</summary>
    public async Task MeasureAsync(TimeSpan window, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _open = true;
            _openedAt = Stopwatch.GetTimestamp();
        }

        await Task.Delay(window, cancellationToken);
        lock (_lock)
        {
            _open = false;
            _duration = Stopwatch.GetElapsedTime(_openedAt);
        }
    }

    public double Percentile(double p)
    {
        lock (_lock)
        {
            return Percentiles.Of(_latencyMs, p);
        }
    }

    /// <summary>Waits until nothing has arrived for <paramref name="quiet"/> (what was in flight has landed).</summary>
    public async Task DrainAsync(TimeSpan quiet, TimeSpan atMost)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(atMost.TotalSeconds * Stopwatch.Frequency);
        var last = Received;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(quiet);
            var now = Received;
            if (now == last)
            {
                return;
            }

            last = now;
        }
    }
}
