namespace Ratio1.Orleans.Contracts.Serving;

/// <summary>An image to infer on: packed 8-bit RGB pixels, row by row (<see cref="Width"/> × <see cref="Height"/> × 3 bytes).</summary>
[GenerateSerializer, Immutable, Alias("r1.inference-image")]
public sealed record InferenceImage(
    [property: Id(0)] int Width,
    [property: Id(1)] int Height,
    [property: Id(2)] byte[] Rgb24);
