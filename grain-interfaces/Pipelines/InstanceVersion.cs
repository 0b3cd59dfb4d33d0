namespace Ratio1.Orleans.Contracts.Pipelines;

/// <summary>The config version of one instance.</summary>
[GenerateSerializer, Immutable, Alias("r1.instance-version")]
public sealed record InstanceVersion(
    [property: Id(0)] string Signature,
    [property: Id(1)] string InstanceId,
    [property: Id(2)] int Version);
