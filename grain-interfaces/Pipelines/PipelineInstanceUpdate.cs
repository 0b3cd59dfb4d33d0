namespace Ratio1.Orleans.Contracts.Pipelines;

/// <summary>An <see cref="InstanceUpdate"/> addressed by pipeline name, as in a node-wide <c>BATCH_UPDATE_PIPELINE_INSTANCE</c>.</summary>
[GenerateSerializer, Immutable, Alias("r1.pipeline-instance-update")]
public sealed record PipelineInstanceUpdate(
    [property: Id(0)] string Pipeline,
    [property: Id(1)] InstanceUpdate Update);
