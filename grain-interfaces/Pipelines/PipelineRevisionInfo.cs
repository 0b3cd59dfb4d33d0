namespace Ratio1.Orleans.Contracts.Pipelines;

/// <summary>One entry of a pipeline's history.</summary>
/// <param name="RolledBackTo">For a rollback, the version whose config was restored.</param>
[GenerateSerializer, Immutable, Alias("r1.pipeline-revision-info")]
public sealed record PipelineRevisionInfo(
    [property: Id(0)] int Version,
    [property: Id(1)] PipelineAction Action,
    [property: Id(2)] string ChangedBy,
    [property: Id(3)] string? SessionId,
    [property: Id(4)] DateTimeOffset ChangedAt,
    [property: Id(5)] bool Archived,
    [property: Id(6)] int InstanceCount,
    [property: Id(7)] string? Comment = null,
    [property: Id(8)] int? RolledBackTo = null);
