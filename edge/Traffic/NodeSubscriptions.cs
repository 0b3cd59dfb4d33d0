using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ratio1.Orleans.Contracts.Streams;

namespace Ratio1.Orleans.Edge.Traffic;

/// <summary>
/// The node's taps on the cluster's traffic streams, shared by every capture source that listens to other pipelines
/// (<c>NetworkListener</c>): a stream is subscribed once per node, whatever the number of pipelines listening to it.
/// </summary>
internal static partial class NodeSubscriptions
{
    public static TrafficSubscriptions Create(IServiceProvider services)
    {
        var logger = services.GetRequiredService<ILogger<TrafficSubscriptions>>();
        return new TrafficSubscriptions(services.GetRequiredService<IClusterClient>(), e => LogHandlerFailed(logger, e));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A listener of the cluster's traffic failed on a message; the message was skipped for it")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception);
}
