using System.Collections.Immutable;

namespace Ratio1.Orleans.Contracts.Serving;

/// <summary>
/// A named float32 tensor: <see cref="Values"/> holds the elements in row-major order and its length is the product of
/// <see cref="Shape"/>. Treat the array as read-only once built (it crosses the wire and is shared between callers).
/// </summary>
[GenerateSerializer, Immutable, Alias("r1.tensor")]
public sealed record TensorData(
    [property: Id(0)] string Name,
    [property: Id(1)] ImmutableArray<long> Shape,
    [property: Id(2)] float[] Values)
{
    /// <summary>The number of elements <see cref="Shape"/> implies.</summary>
    public long ElementCount => Shape.IsDefaultOrEmpty ? 1 : Shape.Aggregate(1L, (n, d) => n * d);
}
