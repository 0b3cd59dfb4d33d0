using Microsoft.Extensions.DependencyInjection;
using Ratio1.Orleans.Grains.Nodes;
using Ratio1.Orleans.Grains.Pipelines;
using Ratio1.Orleans.Grains.PluginInstances;
using Ratio1.Orleans.Grains.Security;
using Ratio1.Orleans.Storage.Serialization;

namespace Ratio1.Orleans.Grains.Persistence;

/// <summary>
/// The stored contract of each grain state. A contract's name never changes; when a state's shape changes
/// incompatibly, bump its version and register the upgrade step from the previous one.
/// </summary>
public static class GrainStateContracts
{
    public static IServiceCollection AddGrainStateContracts(this IServiceCollection services) => services
        // Version 2 adds the history chain fields to each version (signer verification, request, hashes); a version-1
        // document reads as is, its versions unsigned and unchained, and the next commit links to them.
        .AddStateContract(new StateContract<PipelineState>("r1.pipeline", 2, GrainStateJsonContext.Default.PipelineState).WithUpgrade(1, document => document))
        .AddStateContract(new StateContract<NodeState>("r1.node", 1, GrainStateJsonContext.Default.NodeState))
        .AddStateContract(new StateContract<FleetState>("r1.fleet", 1, GrainStateJsonContext.Default.FleetState))
        .AddStateContract(new StateContract<PluginInstanceRecord>("r1.plugin-instance", 1, GrainStateJsonContext.Default.PluginInstanceRecord))
        .AddStateContract(new StateContract<AccessState>("r1.access", 1, GrainStateJsonContext.Default.AccessState));
}
