using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Ratio1.Orleans.Contracts.Streams;
using Ratio1.Orleans.Edge.Heartbeats;
using Ratio1.Orleans.Edge.Plugins;
using Ratio1.Orleans.Edge.Runtime;
using Ratio1.Orleans.Edge.Telemetry;
using Ratio1.Orleans.Edge.Traffic;
using Ratio1.Orleans.Serving.Hosting;

namespace Ratio1.Orleans.Edge.Hosting;

public static class SiloBuilderEdgeExtensions
{
    /// <summary>
    /// Registers the edge runtime of the node this silo serves (<see cref="NodeOptions"/>): the plugin catalog (built-in
    /// plugins and capture sources, plus <c>Node:PluginFolder</c>), the traffic publisher and the node's shared taps,
    /// the capture hub (for <c>MetaStream</c>), heartbeats with machine readings, the node's serving engine, and the
    /// runtime itself, which starts when the silo is active and runs the node's pipelines. Register the traffic stream
    /// provider with <see cref="SiloBuilderTrafficExtensions.AddRatio1Traffic(ISiloBuilder, TrafficOptions, Storage.Hosting.StorageOptions)"/>, and the control plane where the
    /// node's grains live.
    /// </summary>
    public static ISiloBuilder AddRatio1EdgeRuntime(this ISiloBuilder silo, string nodeId)
    {
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.AddSingleton(new PluginAssembly(typeof(SiloBuilderEdgeExtensions).Assembly));
        silo.Services.TryAddSingleton<PluginCatalog>();
        silo.Services.TryAddSingleton(Options.Create(new TrafficOptions()));
        silo.Services.TryAddSingleton<TrafficLedger>();
        silo.Services.AddRatio1EdgeMetrics();
        silo.Services.TryAddSingleton<TrafficPublisher>();
        silo.Services.TryAddSingleton(NodeSubscriptions.Create);
        // Created on first use: only nodes whose sources listen to other pipelines need it.
        silo.Services.TryAddSingleton(sp => new Lazy<TrafficSubscriptions>(sp.GetRequiredService<TrafficSubscriptions>));
        silo.Services.TryAddSingleton<CaptureHub>();
        silo.Services.TryAddSingleton<MachineReadings>();
        silo.Services.TryAddSingleton<HeartbeatSender>();
        silo.Services.AddRatio1Serving(nodeId);
        silo.Services.TryAddSingleton<NodeModels>();
        silo.Services.TryAddSingleton<NodeRuntime>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<NodeRuntime>());
        return silo;
    }

    /// <summary>Makes the plugins and capture sources of <paramref name="assembly"/> available to the node.</summary>
    public static IServiceCollection AddPluginAssembly(this IServiceCollection services, System.Reflection.Assembly assembly) =>
        services.AddSingleton(new PluginAssembly(assembly));
}
