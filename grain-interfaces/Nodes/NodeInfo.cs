using System.Collections.Immutable;

namespace Ratio1.Orleans.Contracts.Nodes;

/// <summary>A node as the cluster knows it: identity, capabilities and liveness.</summary>
[GenerateSerializer, Immutable, Alias("r1.node-info")]
public sealed record NodeInfo(
    [property: Id(0)] string NodeId,
    [property: Id(1)] string Alias,
    [property: Id(2)] ImmutableDictionary<string, string> Tags,
    [property: Id(3)] ImmutableArray<string> Signatures,
    [property: Id(4)] NodeStatus Status,
    [property: Id(5)] DateTimeOffset? LastSeen,
    [property: Id(6)] DateTimeOffset FirstSeen,
    [property: Id(7)] DateTimeOffset? StartedAt,
    [property: Id(8)] string Version,
    [property: Id(9)] string HostName,
    [property: Id(10)] string? SiloAddress,
    [property: Id(11)] int PipelineCount)
{
    public bool IsOnline => Status == NodeStatus.Online;
}
