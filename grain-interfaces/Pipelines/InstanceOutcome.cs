namespace Ratio1.Orleans.Contracts.Pipelines;

/// <summary>The result of a change for one plugin instance.</summary>
/// <param name="Version">The instance's config version after the change (0 when removed).</param>
[GenerateSerializer, Immutable, Alias("r1.instance-outcome")]
public sealed record InstanceOutcome(
    [property: Id(0)] string Signature,
    [property: Id(1)] string InstanceId,
    [property: Id(2)] InstanceChange Change,
    [property: Id(3)] int Version);
