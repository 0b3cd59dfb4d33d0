using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Ratio1.Orleans.Contracts.Nodes;

namespace Ratio1.Orleans.Plugins;

/// <summary>
/// What the node runtime gives every running plugin instance (<see cref="IPluginContext"/>) and capture source
/// (<see cref="ICaptureContext"/>) alike. Neither gets the node's service provider: what they may use of the node is
/// named here, so a plugin or source works the same built in or loaded from the plugin folder.
/// </summary>
public interface IRuntimeContext
{
    /// <summary>The node it runs on.</summary>
    string NodeId { get; }

    /// <summary>The node's clock (use it instead of <see cref="DateTimeOffset.UtcNow"/> so tests can control time).</summary>
    TimeProvider Time { get; }

    /// <summary>A logger named after the plugin or source.</summary>
    ILogger Logger { get; }

    /// <summary>Every node of the cluster with its status (online, lost, offline), as the fleet knows them now.</summary>
    Task<ImmutableArray<NodeInfo>> GetNodesAsync(CancellationToken cancellationToken = default);
}
