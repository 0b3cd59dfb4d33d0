using Microsoft.Extensions.Logging;
using Ratio1.Orleans.Contracts.Reach;
using Ratio1.Orleans.Contracts.Streams;
using Ratio1.Orleans.Edge.Plugins;
using Ratio1.Orleans.Edge.Telemetry;
using Ratio1.Orleans.Edge.Traffic;
using Ratio1.Orleans.Serving.Engine;

namespace Ratio1.Orleans.Edge.Runtime;

/// <summary>
/// What every pipeline and instance runner of a node shares. The runners give plugins and sources what they may use
/// of it through their contexts; the service provider itself never reaches a plugin or a source.
/// </summary>
internal sealed record RuntimeServices(
    string NodeId,
    PluginCatalog Catalog,
    TrafficPublisher Traffic,
    CaptureHub Captures,
    ServingEngine Serving,
    TimeProvider Time,
    ILoggerFactory Loggers,
    IGrainFactory Grains,
    Lazy<TrafficSubscriptions> NodeSubscriptions,
    CaptureReach Reach)
{
    /// <summary>The serving step of instances that name an <c>AI_ENGINE</c> (shares requests for the same input).</summary>
    public InstanceInference Inference { get; } = new(Serving);

    /// <summary>The node's subscriptions to the cluster's traffic streams (created on first use).</summary>
    public TrafficSubscriptions Subscriptions => NodeSubscriptions.Value;

    /// <summary>The instruments of instances and capture sources (docs/metrics.md).</summary>
    public required RuntimeMetrics Metrics { get; init; }

    /// <summary>Where instances tell each change of their state (null: not reported, as in a runner under test).</summary>
    public InstanceStatusReporter? StatusReporter { get; init; }
}
