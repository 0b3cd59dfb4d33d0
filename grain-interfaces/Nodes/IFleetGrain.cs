using Ratio1.Orleans.Contracts.Security;
using System.Collections.Immutable;

namespace Ratio1.Orleans.Contracts.Nodes;

/// <summary>Every node that ever registered with this cluster (key: <c>GrainKeys.Fleet</c>).</summary>
[Alias("r1.IFleetGrain")]
public interface IFleetGrain : IGrainWithStringKey
{
    /// <summary>Adds a node id (idempotent).</summary>
    [Alias("add-node"), Internal]
    Task AddNodeAsync(string nodeId, CancellationToken cancellationToken = default);

    /// <summary>Known node ids, sorted.</summary>
    [Alias("get-node-ids"), Access(AccessRole.Viewer)]
    Task<ImmutableArray<string>> GetNodeIdsAsync(CancellationToken cancellationToken = default);

    /// <summary>Every known node with its current status.</summary>
    [Alias("get-nodes"), Access(AccessRole.Viewer)]
    Task<ImmutableArray<NodeInfo>> GetNodesAsync(CancellationToken cancellationToken = default);
}
