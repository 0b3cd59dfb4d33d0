using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Ratio1.Orleans.Grains.Nodes;
using Ratio1.Orleans.Grains.Persistence;
using Ratio1.Orleans.Grains.Plugins;
using Ratio1.Orleans.Grains.Runtime;
using Ratio1.Orleans.Grains.Telemetry;
using Ratio1.Orleans.Grains.Traffic;
using Ratio1.Orleans.Serving.Engine;
using Ratio1.Orleans.Serving.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ratio1.Orleans.Grains.Hosting;

public static class SiloBuilderGrainsExtensions
{
    /// <summary>
    /// Registers the platform's grains and the edge runtime of the node this silo serves: stored-state contracts,
    /// typed storage errors, the plugin catalog (built-in plugins and capture sources, plus <c>Node:PluginFolder</c>),
    /// the traffic publisher (and the node's shared taps for sources that listen to traffic), the node's capture hub
    /// (for <c>MetaStream</c>), the serving engine (models of <see cref="ServingOptions"/> and those clients add) and the runtime itself, which starts when the silo is active. Configure
    /// <see cref="NodeOptions"/> for the node's identity, and register the traffic stream provider with
    /// <see cref="SiloBuilderTrafficExtensions.AddRatio1Traffic"/>.
    /// </summary>
    public static ISiloBuilder AddRatio1Grains(this ISiloBuilder silo)
    {
        silo.Services.AddGrainStateContracts();
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.TryAddSingleton<RegisteredNodes>();
        silo.AddIncomingGrainCallFilter<StorageFailureFilter>();

        silo.Services.AddSingleton(new PluginAssembly(typeof(SiloBuilderGrainsExtensions).Assembly));
        silo.Services.TryAddSingleton<PluginCatalog>();
        silo.Services.TryAddSingleton(Options.Create(new TrafficOptions()));
        silo.Services.TryAddSingleton<TrafficLedger>();
        silo.Services.TryAddSingleton<TrafficPublisher>();
        silo.Services.TryAddSingleton(NodeSubscriptions.Create);
        silo.Services.TryAddSingleton<CaptureHub>();
        silo.Services.TryAddSingleton<MachineReadings>();
        silo.Services.TryAddSingleton<HeartbeatSender>();
        silo.Services.AddOptions<ServingOptions>();
        silo.Services.TryAddSingleton(sp => new ServingMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        silo.Services.TryAddSingleton(sp => new ServingEngine(
            sp.GetRequiredService<IOptions<ServingOptions>>(), sp.GetRequiredService<ServingMetrics>(),
            sp.GetRequiredService<ILogger<ServingEngine>>(), sp.GetRequiredService<IOptions<NodeOptions>>().Value.ResolveId()));
        silo.Services.TryAddSingleton<NodeRuntime>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<NodeRuntime>());
        return silo;
    }

    /// <summary>Makes the plugins and capture sources of <paramref name="assembly"/> available to the node.</summary>
    public static IServiceCollection AddPluginAssembly(this IServiceCollection services, System.Reflection.Assembly assembly) =>
        services.AddSingleton(new PluginAssembly(assembly));
}
