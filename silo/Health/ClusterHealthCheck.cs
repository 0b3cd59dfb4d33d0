using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ratio1.Orleans.Silo.Health;

/// <summary>
/// Readiness: this silo is <see cref="SiloStatus.Active"/> in its cluster's membership, as this silo sees it (from
/// memory, no query): not while it joins, once it shuts down, nor after the cluster declared it dead.
/// </summary>
public sealed class ClusterHealthCheck(IClusterMembershipService membership, ILocalSiloDetails silo) : IHealthCheck
{
    public const string Name = "cluster";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = membership.CurrentSnapshot;
        var status = snapshot.GetSiloStatus(silo.SiloAddress);
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["cluster"] = silo.ClusterId,
            ["silo"] = silo.SiloAddress.ToString(),
            ["status"] = status.ToString(),
            ["activeSilos"] = snapshot.Members.Values.Count(m => m.Status == SiloStatus.Active),
            ["membershipVersion"] = snapshot.Version.Value,
        };
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"this silo is active in cluster '{silo.ClusterId}'", data)
            : HealthCheckResult.Unhealthy(
                status == SiloStatus.None ? $"this silo is not a member of cluster '{silo.ClusterId}' yet" : $"this silo is {status} in cluster '{silo.ClusterId}', not Active",
                data: data));
    }
}
