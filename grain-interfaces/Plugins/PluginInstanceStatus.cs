namespace Ratio1.Orleans.Contracts.Plugins;

/// <summary>What the node last reported about an instance.</summary>
[GenerateSerializer, Immutable, Alias("r1.plugin-instance-status")]
public sealed record PluginInstanceStatus(
    [property: Id(0)] PluginInstanceState State,
    [property: Id(1)] DateTimeOffset ReportedAt,
    [property: Id(2)] int ConfigVersion,
    [property: Id(3)] long ExecutionCount = 0,
    [property: Id(4)] long PayloadCount = 0,
    [property: Id(5)] string? LastError = null,
    [property: Id(6)] DateTimeOffset? LastErrorAt = null);
