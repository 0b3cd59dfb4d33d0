using System.Diagnostics.Metrics;

namespace Ratio1.Orleans.Tests.Serving.Direct;

/// <summary>
/// Bytes every Orleans endpoint of this process (silos and clients alike) put on the wire, from Orleans' own meter
/// (<c>orleans-messaging-sent-messages-size</c>): one crossing of a message counts its size once.
/// </summary>
public sealed class WireBytes : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _bytes;

    public WireBytes()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == "orleans-messaging-sent-messages-size")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((_, value, _, _) => Interlocked.Add(ref _bytes, value));
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _bytes, value));
        _listener.Start();
    }

    /// <summary>The bytes sent while <paramref name="call"/> ran (other traffic of the moment, heartbeats, included).</summary>
    public async Task<long> CountAsync(Func<Task> call)
    {
        var before = Interlocked.Read(ref _bytes);
        await call();
        return Interlocked.Read(ref _bytes) - before;
    }

    public void Dispose() => _listener.Dispose();
}
