using Ratio1.Orleans.Contracts.Config;

namespace Ratio1.Orleans.Contracts.Commands;

/// <summary>
/// A <c>PIPELINE_COMMAND</c>: data for a pipeline's capture source. The node confirms it with <c>PIPELINE_OK</c>
/// (or <c>PIPELINE_FAILED</c>) carrying <see cref="CommandId"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("r1.pipeline-command")]
public sealed record PipelineCommand(
    [property: Id(0)] Guid CommandId,
    [property: Id(1)] string Pipeline,
    [property: Id(2)] ConfigValue Data,
    [property: Id(3)] ConfigMap Parameters,
    [property: Id(4)] string InitiatorId,
    [property: Id(5)] string? SessionId);
