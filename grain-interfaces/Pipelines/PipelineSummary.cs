namespace Ratio1.Orleans.Contracts.Pipelines;

/// <summary>A line of a node's pipeline list.</summary>
[GenerateSerializer, Immutable, Alias("r1.pipeline-summary")]
public sealed record PipelineSummary(
    [property: Id(0)] string Name,
    [property: Id(1)] string Type,
    [property: Id(2)] int Version,
    [property: Id(3)] bool Archived,
    [property: Id(4)] int InstanceCount,
    [property: Id(5)] string ChangedBy,
    [property: Id(6)] DateTimeOffset ChangedAt);
