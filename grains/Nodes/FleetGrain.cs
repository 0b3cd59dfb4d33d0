using System.Collections.Immutable;
using Ratio1.Orleans.Contracts;
using Ratio1.Orleans.Contracts.Nodes;
using Ratio1.Orleans.Contracts.Pipelines;
using Ratio1.Orleans.Storage.Hosting;

namespace Ratio1.Orleans.Grains.Nodes;

/// <summary>The register of every node of the cluster.</summary>
public sealed class FleetGrain(
    [PersistentState("fleet", StorageNames.State)] IPersistentState<FleetState> state) : Grain, IFleetGrain
{
    public async Task AddNodeAsync(string nodeId, CancellationToken cancellationToken = default)
    {
        if (!state.State.NodeIds.Add(Identifiers.RequireNodeId(nodeId)))
        {
            return;
        }

        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch
        {
            // Memory must not claim what storage does not hold, or the next registration would skip the write.
            state.State.NodeIds.Remove(nodeId);
            throw;
        }
    }

    public Task<ImmutableArray<string>> GetNodeIdsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(state.State.NodeIds.ToImmutableArray());

    public async Task<ImmutableArray<NodeInfo>> GetNodesAsync(CancellationToken cancellationToken = default)
    {
        var infos = await Task.WhenAll(state.State.NodeIds.Select(id => GrainFactory.GetNode(id).GetInfoAsync(cancellationToken)));
        return [.. infos.Where(i => i is not null).Select(i => i!)];
    }
}
