namespace Ratio1.Orleans.Dashboard.Feed;

/// <summary>
/// Payloads counted per second of arrival over a sliding window: constant memory whatever the rate. Not thread-safe
/// (its owner locks).
/// </summary>
internal sealed class PayloadRate
{
    /// <summary>Seconds the rate is averaged over.</summary>
    public const int WindowSeconds = 10;

    private readonly long[] _counts = new long[WindowSeconds];
    private readonly long[] _seconds = new long[WindowSeconds];
    private long _firstSecond = -1;

    public void Add(long second)
    {
        if (_firstSecond < 0)
        {
            _firstSecond = second;
        }

        var slot = (int)(second % WindowSeconds);
        if (_seconds[slot] != second)
        {
            _seconds[slot] = second;
            _counts[slot] = 0;
        }

        _counts[slot]++;
    }

    /// <summary>Payloads per second over the window ending at <paramref name="nowSecond"/> (an instance younger than the window: over its life).</summary>
    public double PerSecond(long nowSecond)
    {
        if (_firstSecond < 0)
        {
            return 0;
        }

        long sum = 0;
        for (var i = 0; i < WindowSeconds; i++)
        {
            if (nowSecond - _seconds[i] is >= 0 and < WindowSeconds)
            {
                sum += _counts[i];
            }
        }

        var span = Math.Clamp(nowSecond - _firstSecond + 1, 1, WindowSeconds);
        return Math.Round((double)sum / span, 1);
    }
}
