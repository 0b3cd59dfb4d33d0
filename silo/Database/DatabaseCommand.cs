using Microsoft.Extensions.Logging.Abstractions;
using Ratio1.Orleans.Silo.Hosting;
using Ratio1.Orleans.Storage.Schema;

namespace Ratio1.Orleans.Silo.Database;

/// <summary>
/// <c>db init</c> creates or upgrades the schema (idempotent); <c>db status</c> shows its version. Both read the same
/// settings as the silo (appsettings.json, R1_* environment variables, --storage, --connection-string, --data-dir).
/// A database that cannot be used throws <see cref="Storage.Faults.DatabaseUnavailableException"/>, reported by the
/// program as one line with its exit code (<see cref="SiloExitCodes"/>).
/// </summary>
public static class DatabaseCommand
{
    /// <summary>Runs <c>db init</c> (<paramref name="init"/>) or <c>db status</c> on the database <paramref name="configuration"/> names.</summary>
    public static async Task<int> RunAsync(bool init, IConfiguration configuration, TextWriter output, CancellationToken cancellationToken)
    {
        var storage = StorageSection.Read(configuration);
        var migrator = new SchemaMigrator(storage, NullLogger<SchemaMigrator>.Instance);

        if (init)
        {
            var status = await migrator.ApplyAsync(cancellationToken);
            foreach (var migration in status.AppliedNow)
            {
                await output.WriteLineAsync($"applied {migration.Version:D4} {migration.Description}");
            }

            await output.WriteLineAsync($"{storage.Provider.ToString().ToLowerInvariant()} schema is at version {status.CurrentVersion} ({(status.AppliedNow.Count == 0 ? "already current" : $"{status.AppliedNow.Count} migrations applied")})");
            return SiloExitCodes.Ok;
        }

        var current = await migrator.GetStatusAsync(cancellationToken);
        await output.WriteLineAsync($"{storage.Provider.ToString().ToLowerInvariant()} schema version {current.CurrentVersion}, this build expects {current.LatestVersion}: {(current.IsCurrent ? "current" : current.CurrentVersion < current.LatestVersion ? "run db init" : "newer than this build")}");
        return current.IsCurrent ? SiloExitCodes.Ok : SiloExitCodes.SchemaNotCurrent;
    }
}
