using Microsoft.Extensions.Diagnostics.HealthChecks;
using Ratio1.Orleans.Storage.Faults;
using Ratio1.Orleans.Storage.Health;
using Ratio1.Orleans.Storage.Hosting;

namespace Ratio1.Orleans.Silo.Health;

/// <summary>
/// Readiness: the node's storage answers a real query (the schema version, through <see cref="StorageProbe"/>, on a
/// fresh connection) within <c>Storage:HealthCheckTimeoutSeconds</c>. Asked on every probe, never from a cache: a silo
/// whose database is down still answers from memory, but cannot save or deploy anything.
/// </summary>
public sealed class StorageHealthCheck(StorageProbe probe, StorageOptions options, SchemaVersionReading schema, TimeProvider time) : IHealthCheck
{
    public const string Name = "storage";

    /// <summary>The <c>state</c> data item: <c>ok</c>, <c>unreachable</c> or <c>failing</c> (the database answered with an error).</summary>
    public const string StateKey = "state";

    private readonly string _provider = options.Provider.ToString().ToLowerInvariant();

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var result = await probe.ProbeAsync(cancellationToken);
        if (result.Failure is { } failure)
        {
            var state = failure.Kind == DatabaseFailureKind.Failed ? "failing" : "unreachable";
            return HealthCheckResult.Unhealthy(SecretMask.Apply(failure.Reason), data: Data(state));
        }

        // The probe's query is the schema version: the schema check reuses it rather than asking again.
        schema.Record(result.SchemaVersion ?? 0, time.GetUtcNow());
        return HealthCheckResult.Healthy($"the {_provider} storage answered a query", Data("ok"));
    }

    private Dictionary<string, object> Data(string state) => new(StringComparer.Ordinal)
    {
        ["provider"] = _provider,
        [StateKey] = state,
    };
}
