using Microsoft.Extensions.Logging;
using Ratio1.Orleans.Grains.Plugins;
using Ratio1.Orleans.Grains.Telemetry;

namespace Ratio1.Orleans.Grains.Runtime;

/// <summary>What every pipeline and instance runner of a node shares.</summary>
internal sealed record RuntimeServices(
    string NodeId,
    PluginCatalog Catalog,
    TrafficPublisher Traffic,
    CaptureHub Captures,
    TimeProvider Time,
    ILoggerFactory Loggers,
    IServiceProvider Services);
