using Microsoft.Extensions.Logging;
using Ratio1.Orleans.Storage.Hosting;

namespace Ratio1.Orleans.Storage.Schema;

/// <summary>
/// Before any storage or clustering provider reads its query texts, applies the schema (when configured to) or checks
/// that it is current, so a silo on a missing or stale schema fails at start with instructions instead of mid-run.
/// </summary>
internal sealed partial class SchemaLifecycleParticipant(StorageOptions options, SchemaMigrator migrator, ILogger<SchemaLifecycleParticipant> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SchemaLifecycleParticipant), ServiceLifecycleStage.First, OnStartAsync);

    private async Task OnStartAsync(CancellationToken cancellationToken)
    {
        var status = await migrator.PrepareForStartAsync(cancellationToken);
        if (options.ShouldApplySchemaOnStart)
        {
            LogSchemaReady(logger, options.Provider, status.CurrentVersion, status.AppliedNow.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Provider} schema at version {Version} ({Applied} migrations applied now)")]
    private static partial void LogSchemaReady(ILogger logger, StorageProvider provider, int version, int applied);
}
