namespace Ratio1.Orleans.Edge.Traffic;

/// <summary>
/// The publisher's account of a time cut off from its stream provider: from the first lane whose provider call failed
/// as unreachable until every such lane has sent again. Counts what was dropped meanwhile, by reason, so the node can
/// say what it lost once it is heard again (<see cref="TrafficPublisher.Reconnected"/>).
/// </summary>
internal sealed class TrafficOutage(int lanes, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly bool[] _cutOff = new bool[lanes];
    private readonly long[] _dropped = new long[Enum.GetValues<DropReason>().Length];
    private int _cutOffLanes;
    private long _since;

    /// <summary>True while at least one lane cannot reach the provider.</summary>
    public bool Active => Volatile.Read(ref _cutOffLanes) > 0;

    /// <summary>Lane <paramref name="lane"/> found the provider unreachable; true when it is the first (the outage starts).</summary>
    public bool CutOff(int lane)
    {
        lock (_lock)
        {
            if (_cutOff[lane])
            {
                return false;
            }

            _cutOff[lane] = true;
            if (_cutOffLanes++ > 0)
            {
                return false;
            }

            _since = time.GetTimestamp();
            Array.Clear(_dropped);
            return true;
        }
    }

    /// <summary>Counts a message dropped while cut off (nothing otherwise).</summary>
    public void CountDropped(DropReason reason)
    {
        if (Active)
        {
            Interlocked.Increment(ref _dropped[(int)reason]);
        }
    }

    /// <summary>Lane <paramref name="lane"/> sent again; the outage's account when it was the last lane cut off.</summary>
    public TrafficOutageReport? Resumed(int lane, long waiting)
    {
        lock (_lock)
        {
            if (!_cutOff[lane])
            {
                return null;
            }

            _cutOff[lane] = false;
            if (--_cutOffLanes > 0)
            {
                return null;
            }

            return new TrafficOutageReport(
                time.GetElapsedTime(_since),
                Interlocked.Read(ref _dropped[(int)DropReason.BacklogFull]),
                Interlocked.Read(ref _dropped[(int)DropReason.Expired]),
                Interlocked.Read(ref _dropped[(int)DropReason.TooBig]),
                waiting);
        }
    }
}
