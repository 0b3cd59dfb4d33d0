using System.Diagnostics.Metrics;

namespace Ratio1.Orleans.Edge.Telemetry;

/// <summary>
/// What the node's capture sources deliver and how often they fail, on the meter <see cref="MetricNames.MeterName"/>,
/// by node, pipeline and capture type. Each pipeline records through its own <see cref="CaptureRecorder"/>.
/// </summary>
public sealed class CaptureMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly bool _ownsMeter;

    /// <param name="meters">The host's factory; without one the meter is this object's own.</param>
    public CaptureMetrics(IMeterFactory? meters = null)
    {
        _ownsMeter = meters is null;
        _meter = meters?.Create(MetricNames.MeterName) ?? new Meter(MetricNames.MeterName);
        Frames = _meter.CreateCounter<long>("ratio1.capture.frames", "{frame}",
            "Items a pipeline's capture source delivered to its instances: video frames, images, rows, received payloads, pushed inputs.");
        Failures = _meter.CreateCounter<long>("ratio1.capture.failures", "{failure}",
            "Failures of a pipeline's capture source (each one is followed by a reconnect or a stop, as RECONNECTABLE says).");
    }

    internal Counter<long> Frames { get; }

    internal Counter<long> Failures { get; }

    /// <summary>The recorder of one pipeline's source of <paramref name="captureType"/>.</summary>
    public CaptureRecorder For(string node, string pipeline, string captureType) => new(this, node, pipeline, captureType);

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
