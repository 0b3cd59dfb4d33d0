using System.Collections.Immutable;

namespace Ratio1.Orleans.Contracts.Serving;

/// <summary>An input or output of a model as the model declares it.</summary>
/// <param name="ElementType">ONNX element type, e.g. <c>float32</c>.</param>
/// <param name="Shape">Dimensions; -1 where the model leaves one free (a batch axis, usually the first).</param>
[GenerateSerializer, Immutable, Alias("r1.tensor-info")]
public sealed record TensorInfo(
    [property: Id(0)] string Name,
    [property: Id(1)] string ElementType,
    [property: Id(2)] ImmutableArray<long> Shape)
{
    public override string ToString() => $"{Name} {ElementType}[{string.Join(",", Shape.Select(d => d < 0 ? "?" : d.ToString(System.Globalization.CultureInfo.InvariantCulture)))}]";
}
