using Ratio1.Orleans.Contracts.Config;

namespace Ratio1.Orleans.Contracts.Pipelines;

/// <summary>A delta for one instance of a pipeline (<c>UPDATE_PIPELINE_INSTANCE</c>'s <c>INSTANCE_CONFIG</c>).</summary>
[GenerateSerializer, Immutable, Alias("r1.instance-update")]
public sealed record InstanceUpdate(
    [property: Id(0)] string Signature,
    [property: Id(1)] string InstanceId,
    [property: Id(2)] ConfigMap Delta);
