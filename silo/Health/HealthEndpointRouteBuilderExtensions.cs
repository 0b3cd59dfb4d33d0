using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Ratio1.Orleans.Silo.Hosting;

namespace Ratio1.Orleans.Silo.Health;

public static class HealthEndpointRouteBuilderExtensions
{
    /// <summary>Readiness: every <see cref="HealthTags.Ready"/> check, in detail.</summary>
    public const string ReadinessPath = "/health/ready";

    /// <summary>The storage check alone, in the shape <c>/health</c> always had.</summary>
    public const string CompatiblePath = "/health";

    /// <summary>
    /// Maps <c>/health/live</c> (<see cref="WebTokenGate.LivenessPath"/>, open to anyone), <c>/health/ready</c> and
    /// <c>/health</c>. Each answers 200 when its checks are all healthy and 503 otherwise, never from a cache.
    /// </summary>
    public static IEndpointRouteBuilder MapRatio1Health(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(WebTokenGate.LivenessPath, Options(r => r.Tags.Contains(HealthTags.Live), HealthReportJson.WriteLiveAsync));
        endpoints.MapHealthChecks(ReadinessPath, Options(r => r.Tags.Contains(HealthTags.Ready), HealthReportJson.WriteReadyAsync));
        endpoints.MapHealthChecks(CompatiblePath, Options(r => r.Name == StorageHealthCheck.Name, HealthReportJson.WriteCompatibleAsync));
        return endpoints;
    }

    private static HealthCheckOptions Options(Func<HealthCheckRegistration, bool> predicate, Func<HttpContext, HealthReport, Task> writer) => new()
    {
        Predicate = predicate,
        ResponseWriter = writer,
        // Degraded is not ready either: an orchestrator sees two answers only.
        ResultStatusCodes =
        {
            [HealthStatus.Healthy] = StatusCodes.Status200OK,
            [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
            [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
        },
    };
}
