using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Ratio1.Orleans.Grains.Nodes;
using Ratio1.Orleans.Grains.Persistence;
using Ratio1.Orleans.Grains.Security;
using Ratio1.Orleans.Grains.Telemetry;

namespace Ratio1.Orleans.Grains.Hosting;

public static class SiloBuilderControlPlaneExtensions
{
    /// <summary>
    /// Registers the control plane: the node, pipeline and plugin-instance grains with their versioned stored-state
    /// contracts and typed storage errors, and the check of every client request (signature, freshness, role: section
    /// <c>Security</c>, see <see cref="SecurityOptions"/>). Any silo of a cluster can host it, whether or not it serves a node
    /// (register the node's own runtime with <c>AddRatio1EdgeRuntime</c>); it needs a storage provider
    /// (<c>AddRatio1Storage</c>).
    /// </summary>
    public static ISiloBuilder AddRatio1ControlPlane(this ISiloBuilder silo)
    {
        silo.Services.AddGrainStateContracts();
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.TryAddSingleton<RegisteredNodes>();
        silo.Services.AddOptions<SecurityOptions>();
        silo.Services.TryAddSingleton<ConfiguredAdmins>();
        silo.Services.TryAddSingleton<NonceLedger>();
        // First: a refused request must not reach anything else.
        silo.AddIncomingGrainCallFilter<RequestAuthorizationFilter>();
        // Outside the storage filter: it sees database failures typed.
        silo.Services.TryAddSingleton<PipelineChangeMetrics>();
        silo.AddIncomingGrainCallFilter<PipelineChangeFilter>();
        silo.AddIncomingGrainCallFilter<StorageFailureFilter>();
        return silo;
    }
}
