using System.Diagnostics;

namespace Ratio1.Orleans.Edge.Telemetry;

/// <summary>Records for one pipeline's capture source; its attributes are built once, so recording allocates nothing.</summary>
public sealed class CaptureRecorder
{
    private readonly CaptureMetrics _metrics;
    private readonly TagList _tags;

    internal CaptureRecorder(CaptureMetrics metrics, string node, string pipeline, string captureType)
    {
        _metrics = metrics;
        _tags = new TagList
        {
            { MetricNames.Node, node },
            { MetricNames.Pipeline, pipeline },
            { MetricNames.CaptureType, captureType },
        };
    }

    /// <summary>The source delivered an item.</summary>
    public void FrameRead() => _metrics.Frames.Add(1, in _tags);

    /// <summary>The source failed.</summary>
    public void Failed() => _metrics.Failures.Add(1, in _tags);
}
