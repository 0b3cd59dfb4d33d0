using System.Collections.Immutable;

namespace Ratio1.Orleans.Contracts.Pipelines;

/// <summary>The result of an accepted change to a pipeline.</summary>
/// <param name="Version">The pipeline version now current.</param>
/// <param name="Changed">False when the change matched the current config exactly: no new version was made.</param>
/// <param name="Instances">One entry per instance that exists before or after the change.</param>
[GenerateSerializer, Immutable, Alias("r1.deploy-outcome")]
public sealed record DeployOutcome(
    [property: Id(0)] string Node,
    [property: Id(1)] string Pipeline,
    [property: Id(2)] int Version,
    [property: Id(3)] PipelineAction Action,
    [property: Id(4)] bool Changed,
    [property: Id(5)] ImmutableArray<InstanceOutcome> Instances,
    [property: Id(6)] DateTimeOffset ChangedAt);
