using System.Collections.Immutable;

namespace Ratio1.Orleans.Contracts.Serving;

/// <summary>
/// One item to infer on: an image for image profiles, or tensors for <see cref="ModelProfile.RawTensor"/> models — one per
/// model input, by name (a single-input model also takes an unnamed one), each holding one item (the batch axis of
/// size 1, or left out).
/// </summary>
[GenerateSerializer, Immutable, Alias("r1.inference-input")]
public sealed record InferenceInput(
    [property: Id(0)] ImmutableArray<TensorData> Tensors,
    [property: Id(1)] InferenceImage? Image = null)
{
    public static InferenceInput FromImage(InferenceImage image) => new([], image);

    public static InferenceInput FromTensor(string name, ImmutableArray<long> shape, float[] values) => new([new TensorData(name, shape, values)]);
}
