using Microsoft.Extensions.Logging;
using Ratio1.Orleans.Edge.Plugins;
using Ratio1.Orleans.Edge.Heartbeats;
using Ratio1.Orleans.Serving.Engine;
using Ratio1.Orleans.Edge.Traffic;

namespace Ratio1.Orleans.Edge.Runtime;

/// <summary>What every pipeline and instance runner of a node shares.</summary>
internal sealed record RuntimeServices(
    string NodeId,
    PluginCatalog Catalog,
    TrafficPublisher Traffic,
    CaptureHub Captures,
    ServingEngine Serving,
    TimeProvider Time,
    ILoggerFactory Loggers,
    IServiceProvider Services)
{
    /// <summary>The serving step of instances that name an <c>AI_ENGINE</c> (shares requests for the same input).</summary>
    public InstanceInference Inference { get; } = new(Serving);

    /// <summary>Where instances tell each change of their state (null: not reported, as in a runner under test).</summary>
    public InstanceStatusReporter? StatusReporter { get; init; }
}
