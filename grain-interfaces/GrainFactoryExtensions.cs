using Ratio1.Orleans.Contracts.Nodes;
using Ratio1.Orleans.Contracts.Pipelines;
using Ratio1.Orleans.Contracts.Plugins;

namespace Ratio1.Orleans.Contracts;

/// <summary>Typed access to the platform's grains by domain identity.</summary>
public static class GrainFactoryExtensions
{
    public static IFleetGrain GetFleet(this IGrainFactory factory) => factory.GetGrain<IFleetGrain>(GrainKeys.Fleet);

    public static INodeGrain GetNode(this IGrainFactory factory, string nodeId) => factory.GetGrain<INodeGrain>(GrainKeys.Node(nodeId));

    public static IPipelineGrain GetPipeline(this IGrainFactory factory, string nodeId, string pipeline) =>
        factory.GetGrain<IPipelineGrain>(GrainKeys.Pipeline(nodeId, pipeline));

    public static IPluginInstanceGrain GetPluginInstance(this IGrainFactory factory, string nodeId, string pipeline, string signature, string instanceId) =>
        factory.GetGrain<IPluginInstanceGrain>(GrainKeys.Instance(nodeId, pipeline, signature, instanceId));

    /// <summary>The allow-list of one node.</summary>
    public static Security.IAccessGrain GetAccess(this IGrainFactory factory, string nodeId) => factory.GetGrain<Security.IAccessGrain>(GrainKeys.Access(nodeId));

    /// <summary>The fleet-wide allow-list.</summary>
    public static Security.IAccessGrain GetFleetAccess(this IGrainFactory factory) => factory.GetGrain<Security.IAccessGrain>(GrainKeys.FleetAccess);
}
