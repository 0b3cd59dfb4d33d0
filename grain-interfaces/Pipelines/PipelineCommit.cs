namespace Ratio1.Orleans.Contracts.Pipelines;

/// <summary>
/// A committed change of a pipeline, as its grain pushes it to the node's runtime: the new version and, unless the
/// pipeline was deleted, the whole pipeline at that version (archived ones too), so the runtime applies it as it is
/// instead of reading it back.
/// </summary>
/// <param name="Pipeline">The pipeline's name.</param>
/// <param name="Version">The version committed; for a deletion, the last version the pipeline had.</param>
/// <param name="Snapshot">The pipeline at <paramref name="Version"/>; null when it was deleted.</param>
/// <param name="CreatedAt">
/// When this life of the pipeline was created: versions restart at 1 when a deleted pipeline is created again, so a
/// version is only comparable with versions of the same life.
/// </param>
[GenerateSerializer, Immutable, Alias("r1.pipeline-commit")]
public sealed record PipelineCommit(
    [property: Id(0)] string Pipeline,
    [property: Id(1)] int Version,
    [property: Id(2)] PipelineSnapshot? Snapshot,
    [property: Id(3)] DateTimeOffset CreatedAt)
{
    /// <summary>True when the pipeline and its history were removed.</summary>
    public bool Deleted => Snapshot is null;
}
