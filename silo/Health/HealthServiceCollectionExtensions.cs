using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ratio1.Orleans.Silo.Health;

public static class HealthServiceCollectionExtensions
{
    /// <summary>
    /// Registers the silo's health checks: <see cref="ProcessHealthCheck"/> for liveness (<see cref="HealthTags.Live"/>);
    /// storage, cluster membership, node registration and schema version for readiness (<see cref="HealthTags.Ready"/>).
    /// </summary>
    public static IServiceCollection AddRatio1HealthChecks(this IServiceCollection services)
    {
        // Singletons: the schema check keeps what the storage check read between probes.
        services.AddSingleton<SchemaVersionReading>();
        services.AddSingleton<ProcessHealthCheck>();
        services.AddSingleton<StorageHealthCheck>();
        services.AddSingleton<ClusterHealthCheck>();
        services.AddSingleton<NodeHealthCheck>();
        services.AddSingleton<SchemaHealthCheck>();
        services.AddHealthChecks()
            .AddCheck<ProcessHealthCheck>(ProcessHealthCheck.Name, HealthStatus.Unhealthy, [HealthTags.Live])
            .AddCheck<StorageHealthCheck>(StorageHealthCheck.Name, HealthStatus.Unhealthy, [HealthTags.Ready])
            .AddCheck<ClusterHealthCheck>(ClusterHealthCheck.Name, HealthStatus.Unhealthy, [HealthTags.Ready])
            .AddCheck<NodeHealthCheck>(NodeHealthCheck.Name, HealthStatus.Unhealthy, [HealthTags.Ready])
            .AddCheck<SchemaHealthCheck>(SchemaHealthCheck.Name, HealthStatus.Unhealthy, [HealthTags.Ready]);
        return services;
    }
}
