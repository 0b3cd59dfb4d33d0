using System.Diagnostics;

namespace Ratio1.Orleans.Serving.Telemetry;

/// <summary>
/// Events per second over a recent window, kept as one-second buckets (memory does not grow with the rate). A
/// window shorter than the time since the first event is prorated, so the rate is right from the start.
/// </summary>
internal sealed class RateWindow
{
    private readonly Lock _lock = new();
    private readonly long[] _counts;
    private readonly long[] _bucketSeconds;
    private readonly long _startedAt = Stopwatch.GetTimestamp();

    public RateWindow(int seconds)
    {
        _counts = new long[seconds + 1];
        _bucketSeconds = new long[seconds + 1];
        Array.Fill(_bucketSeconds, -1);
    }

    private int Seconds => _counts.Length - 1;

    public void Add(long events)
    {
        var second = SecondOf(Stopwatch.GetTimestamp());
        var slot = (int)(second % _counts.Length);
        lock (_lock)
        {
            if (_bucketSeconds[slot] != second)
            {
                _bucketSeconds[slot] = second;
                _counts[slot] = 0;
            }

            _counts[slot] += events;
        }
    }

    public double PerSecond()
    {
        var now = Stopwatch.GetTimestamp();
        var second = SecondOf(now);
        long total = 0;
        lock (_lock)
        {
            // The current, partial second plus the whole seconds before it.
            for (var i = 0; i < _counts.Length; i++)
            {
                if (_bucketSeconds[i] > second - _counts.Length && _bucketSeconds[i] <= second)
                {
                    total += _counts[i];
                }
            }
        }

        var covered = Math.Min(Seconds + Fraction(now), Stopwatch.GetElapsedTime(_startedAt, now).TotalSeconds);
        return covered <= 0 ? 0 : total / covered;
    }

    private long SecondOf(long timestamp) => (timestamp - _startedAt) / Stopwatch.Frequency;

    private double Fraction(long timestamp) => (double)((timestamp - _startedAt) % Stopwatch.Frequency) / Stopwatch.Frequency;
}
