using Microsoft.Extensions.DependencyInjection.Extensions;
using Ratio1.Orleans.Grains.Nodes;
using Ratio1.Orleans.Grains.Persistence;

namespace Ratio1.Orleans.Grains.Hosting;

public static class SiloBuilderControlPlaneExtensions
{
    /// <summary>
    /// Registers the control plane: the node, pipeline and plugin-instance grains with their versioned stored-state
    /// contracts and typed storage errors. Any silo of a cluster can host it, whether or not it serves a node
    /// (register the node's own runtime with <c>AddRatio1EdgeRuntime</c>); it needs a storage provider
    /// (<c>AddRatio1Storage</c>).
    /// </summary>
    public static ISiloBuilder AddRatio1ControlPlane(this ISiloBuilder silo)
    {
        silo.Services.AddGrainStateContracts();
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.TryAddSingleton<RegisteredNodes>();
        silo.AddIncomingGrainCallFilter<StorageFailureFilter>();
        return silo;
    }
}
