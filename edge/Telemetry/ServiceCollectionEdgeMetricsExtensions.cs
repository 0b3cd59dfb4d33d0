using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ratio1.Orleans.Edge.Telemetry;

public static class ServiceCollectionEdgeMetricsExtensions
{
    /// <summary>
    /// Registers the node's instruments on the meter <see cref="MetricNames.MeterName"/> (instances, captures,
    /// notifications and heartbeats); their meters come from the host's <see cref="System.Diagnostics.Metrics.IMeterFactory"/>.
    /// </summary>
    public static IServiceCollection AddRatio1EdgeMetrics(this IServiceCollection services)
    {
        services.TryAddSingleton<InstanceMetrics>();
        services.TryAddSingleton<CaptureMetrics>();
        services.TryAddSingleton<MessageMetrics>();
        return services;
    }
}
