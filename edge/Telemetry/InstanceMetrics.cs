using System.Diagnostics.Metrics;

namespace Ratio1.Orleans.Edge.Telemetry;

/// <summary>
/// What the node's plugin instances do, on the meter <see cref="MetricNames.MeterName"/>: payloads published,
/// executions, their duration, failures and config changes, each by node, pipeline and signature. Each instance
/// records through its own <see cref="InstanceRecorder"/>, whose attributes are built once.
/// </summary>
public sealed class InstanceMetrics : IDisposable
{
    // Executions range from sub-millisecond plugins to slow inferences.
    private static readonly IReadOnlyList<double> DurationBuckets =
        [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly Meter _meter;
    private readonly bool _ownsMeter;

    /// <param name="meters">The host's factory; without one the meter is this object's own.</param>
    public InstanceMetrics(IMeterFactory? meters = null)
    {
        _ownsMeter = meters is null;
        _meter = meters?.Create(MetricNames.MeterName) ?? new Meter(MetricNames.MeterName);
        Payloads = _meter.CreateCounter<long>("ratio1.payloads.published", "{payload}",
            "Payloads plugin instances emitted that the node queued for its traffic stream (refused ones count in ratio1.traffic.messages.dropped).");
        Executions = _meter.CreateCounter<long>("ratio1.instance.executions", "{execution}",
            "Executions of plugin instances (ProcessAsync with its inferences), succeeded or failed.");
        Errors = _meter.CreateCounter<long>("ratio1.instance.errors", "{error}",
            "Failures of plugin instances, by stage (initialisation, execution).");
        Duration = _meter.CreateHistogram("ratio1.instance.execution.duration", "s",
            "Time one execution of a plugin instance took, inferences included.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        ConfigChanges = _meter.CreateCounter<long>("ratio1.instance.config_changes", "{change}",
            "Config versions plugin instances were given, by outcome: ok (applied), invalid (refused by the plugin's schema), failed (OnConfig threw; rolled back).");
    }

    internal Counter<long> Payloads { get; }

    internal Counter<long> Executions { get; }

    internal Counter<long> Errors { get; }

    internal Histogram<double> Duration { get; }

    internal Counter<long> ConfigChanges { get; }

    /// <summary>The recorder of one instance.</summary>
    public InstanceRecorder For(string node, string pipeline, string signature) => new(this, node, pipeline, signature);

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
