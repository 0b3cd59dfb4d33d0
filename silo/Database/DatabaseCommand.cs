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
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var verb = args.FirstOrDefault();
        if (verb is not ("init" or "status"))
        {
            await output.WriteLineAsync("usage: Ratio1.Orleans.Silo db init|status [--storage sqlite|postgres] [--connection-string CS] [--data-dir DIR]");
            return SiloExitCodes.Usage;
        }

        var rest = args[1..];
        CommandLine.CheckKnown(rest);
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables("R1_")
            .AddCommandLine(CommandLine.Normalize(rest), CommandLine.SwitchMappings())
            .Build();
        var storage = StorageSection.Read(configuration);
        var migrator = new SchemaMigrator(storage, NullLogger<SchemaMigrator>.Instance);

        if (verb == "init")
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
