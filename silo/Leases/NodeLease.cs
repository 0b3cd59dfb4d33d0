using Microsoft.Extensions.Options;
using Ratio1.Orleans.Edge.Runtime;
using Ratio1.Orleans.Silo.Hosting;
using Ratio1.Orleans.Storage.Hosting;

namespace Ratio1.Orleans.Silo.Leases;

/// <summary>
/// This silo's claim on its node (docs/operations.md, "One silo per node"): the lock of its data folder, always, and
/// with PostgreSQL the node's lease in the cluster database. Claimed before anything touches state, so a second silo
/// for a served node stops with <see cref="NodeAlreadyServedException"/> having changed nothing; released when the
/// silo has stopped, and by the kernel and the database when its process dies.
/// </summary>
public sealed partial class NodeLease : IAsyncDisposable
{
    private readonly DataFolderLock _folder;
    private readonly PostgresNodeLease? _cluster;

    private NodeLease(DataFolderLock folder, PostgresNodeLease? cluster)
    {
        _folder = folder;
        _cluster = cluster;
    }

    /// <summary>Set when another silo took the node while this one was cut off from the database (the silo was asked to stop).</summary>
    public NodeAlreadyServedException? Loss => _cluster?.Loss;

    /// <summary>Claims the node of the silo built with <paramref name="services"/>, or throws <see cref="NodeAlreadyServedException"/> naming the silo that holds it.</summary>
    public static async Task<NodeLease> ClaimAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var storage = services.GetRequiredService<StorageOptions>();
        var network = services.GetRequiredService<IOptions<NetworkOptions>>().Value;
        var node = services.GetRequiredService<IOptions<NodeOptions>>().Value.Id
            ?? throw new InvalidOperationException("Node:Id is not resolved.");
        var time = services.GetRequiredService<TimeProvider>();
        var self = LeaseHolder.ThisSilo(node, network, storage.Provider, time);

        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger<NodeLease>();
        var folder = await DataFolderLock.TakeAsync(storage.DataDirectory, self, cancellationToken);
        if (folder.Previous is { } previous)
        {
            LogFolderTakenOver(logger, Path.GetFullPath(storage.DataDirectory), previous.ToString());
        }

        if (storage.Provider != StorageProvider.Postgres)
        {
            return new NodeLease(folder, null);
        }

        try
        {
            return new NodeLease(folder, await PostgresNodeLease.ClaimAsync(storage, network.ServiceId, self, time, logger, cancellationToken));
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    /// <summary>Once the schema is in place: describes this silo where a refused one reads it, and keeps the claim for the silo's life.</summary>
    public Task HoldAsync(IHostApplicationLifetime lifetime, CancellationToken cancellationToken) =>
        _cluster?.HoldAsync(lifetime, cancellationToken) ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        _folder.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Data folder {Folder}: taking it over from {Previous}, which ended without releasing it")]
    private static partial void LogFolderTakenOver(ILogger logger, string folder, string previous);
}
