using Ratio1.Orleans.Contracts.Pipelines;

namespace Ratio1.Orleans.Contracts.Plugins;

/// <summary>A plugin instance: its current config and version, and what its node last reported.</summary>
[GenerateSerializer, Immutable, Alias("r1.plugin-instance-snapshot")]
public sealed record PluginInstanceSnapshot(
    [property: Id(0)] string Node,
    [property: Id(1)] string Pipeline,
    [property: Id(2)] string Signature,
    [property: Id(3)] InstanceConfig Config,
    [property: Id(4)] int Version,
    [property: Id(5)] int PipelineVersion,
    [property: Id(6)] PluginInstanceStatus? Status)
{
    public string InstanceId => Config.InstanceId;
}
