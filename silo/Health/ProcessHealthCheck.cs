using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ratio1.Orleans.Silo.Health;

/// <summary>
/// Liveness: healthy whenever it runs at all. That the web host took the request and ran it is the proof that the
/// process is responsive; it asks no dependency, so an outage of storage or the cluster never gets a live silo restarted.
/// </summary>
public sealed class ProcessHealthCheck : IHealthCheck
{
    public const string Name = "process";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(HealthCheckResult.Healthy("the process answers"));
}
