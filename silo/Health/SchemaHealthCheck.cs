using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Ratio1.Orleans.Storage.Health;
using Ratio1.Orleans.Storage.Hosting;
using Ratio1.Orleans.Storage.Schema;

namespace Ratio1.Orleans.Silo.Health;

/// <summary>
/// Readiness: the storage's schema is the version this build expects (<see cref="SqlResources.LatestVersion"/>): not
/// older (a migration is missing) nor newer (a newer silo upgraded it). The version read by the storage check stands for
/// <see cref="SchemaVersionReading.FreshFor"/>; past that this check reads it itself. When the storage does not answer,
/// the last version read is judged, marked <c>stale</c>.
/// </summary>
public sealed class SchemaHealthCheck(StorageProbe probe, StorageOptions options, SchemaVersionReading reading, TimeProvider time) : IHealthCheck
{
    public const string Name = "schema";

    private readonly int _expected = SqlResources.LatestVersion(options.Provider);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var known = reading.Latest;
        var now = time.GetUtcNow();
        var stale = false;
        if (known is null || !known.IsFreshAt(now))
        {
            var probed = await probe.ProbeAsync(cancellationToken);
            if (probed.SchemaVersion is { } version)
            {
                known = reading.Record(version, now);
            }
            else if (known is null)
            {
                return HealthCheckResult.Unhealthy(
                    $"the schema version cannot be read: {SecretMask.Apply(probed.Failure!.Reason)}",
                    data: new Dictionary<string, object>(StringComparer.Ordinal) { ["expected"] = _expected });
            }
            else
            {
                stale = true;
            }
        }

        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["current"] = known.Version,
            ["expected"] = _expected,
            ["readAt"] = known.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        };
        if (stale)
        {
            data["stale"] = true;
        }

        var provider = options.Provider.ToString().ToLowerInvariant();
        return known.Version switch
        {
            var v when v == _expected => HealthCheckResult.Healthy($"the schema is at version {v}, as this build expects", data),
            0 => HealthCheckResult.Unhealthy(
                $"the database has no Ratio1.Orleans schema; run `Ratio1.Orleans.Silo db init --storage {provider}` or start the silo with --apply-schema", data: data),
            var v when v < _expected => HealthCheckResult.Unhealthy(
                $"the schema is at version {v}; this build needs {_expected}: run `Ratio1.Orleans.Silo db init --storage {provider}` or start the silo with --apply-schema", data: data),
            var v => HealthCheckResult.Unhealthy($"the schema is at version {v}, newer than this build supports ({_expected}): upgrade the silo", data: data),
        };
    }
}
