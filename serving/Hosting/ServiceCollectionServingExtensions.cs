using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ratio1.Orleans.Serving.Engine;
using Ratio1.Orleans.Serving.Telemetry;

namespace Ratio1.Orleans.Serving.Hosting;

public static class ServiceCollectionServingExtensions
{
    /// <summary>
    /// Registers the serving engine of node <paramref name="nodeId"/>: its model registry, batchers and metrics, with
    /// the models of <see cref="ServingOptions"/> (configure them with <c>Configure&lt;ServingOptions&gt;</c>).
    /// </summary>
    public static IServiceCollection AddRatio1Serving(this IServiceCollection services, string nodeId)
    {
        services.AddOptions<ServingOptions>();
        services.TryAddSingleton(sp => new ServingMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.TryAddSingleton(sp => new ServingEngine(
            sp.GetRequiredService<IOptions<ServingOptions>>(), sp.GetRequiredService<ServingMetrics>(),
            sp.GetRequiredService<ILogger<ServingEngine>>(), nodeId));
        return services;
    }
}
