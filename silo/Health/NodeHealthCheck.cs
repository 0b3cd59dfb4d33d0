using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Ratio1.Orleans.Edge.Runtime;

namespace Ratio1.Orleans.Silo.Health;

/// <summary>
/// Readiness: the node's grain knows this silo as the node's runtime. The runtime registered the node when the silo
/// became active, and the grain takes its presence with every heartbeat; a report that fails (the grain cannot be
/// reached) makes the node unready until one succeeds. Read from <see cref="NodeRuntime.Presence"/>, so a probe makes no
/// call. Whether the running pipelines match the stored ones is shown as data (<c>reconcile</c>), not judged: a node
/// cut off from storage keeps running what it applied last, and the storage check already reports the cause.
/// </summary>
public sealed class NodeHealthCheck(NodeRuntime runtime, TimeProvider time) : IHealthCheck
{
    public const string Name = "node";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var state = runtime.Presence.Current;
        var now = time.GetUtcNow();
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["node"] = runtime.NodeId,
            ["pipelines"] = runtime.RunningPipelines.Count,
            ["reconcile"] = state.ReconcileFailing ? "failing" : "ok",
        };
        if (state.RegisteredAt is { } registered)
        {
            data["registeredAt"] = registered.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        }

        if (state.LastReport is { } reported)
        {
            data["lastReportAt"] = reported.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        }

        var result = state switch
        {
            { RegisteredAt: null } => HealthCheckResult.Unhealthy($"node {runtime.NodeId} is not registered with its node grain (the silo is starting or stopping)", data: data),
            { ReportFailedAt: { } since } => HealthCheckResult.Unhealthy(
                string.Create(CultureInfo.InvariantCulture, $"the grain of node {runtime.NodeId} has not taken its presence for {(now - since).TotalSeconds:0} s (it cannot be reached)"), data: data),
            _ => HealthCheckResult.Healthy($"node {runtime.NodeId} is registered and its grain takes its heartbeats", data),
        };
        return Task.FromResult(result);
    }
}
