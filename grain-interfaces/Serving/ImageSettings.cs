using System.Collections.Immutable;

namespace Ratio1.Orleans.Contracts.Serving;

/// <summary>
/// Pre-processing for image profiles: the image is resized to the model's input (or <see cref="Width"/> ×
/// <see cref="Height"/> where the model leaves them free), scaled by <see cref="Scale"/>, then normalised per channel
/// as <c>(x - mean) / std</c>, in NCHW order.
/// </summary>
[GenerateSerializer, Immutable, Alias("r1.image-settings")]
public sealed record ImageSettings(
    [property: Id(0)] int? Width = null,
    [property: Id(1)] int? Height = null,
    [property: Id(2)] float Scale = 1f / 255f,
    [property: Id(3)] ImmutableArray<float> Mean = default,
    [property: Id(4)] ImmutableArray<float> Std = default,
    [property: Id(5)] bool Bgr = false)
{
    public static ImageSettings Default { get; } = new();

    /// <summary>Per-channel means (0 when not set).</summary>
    public ImmutableArray<float> EffectiveMean => Mean.IsDefaultOrEmpty ? [0f, 0f, 0f] : Mean;

    /// <summary>Per-channel standard deviations (1 when not set).</summary>
    public ImmutableArray<float> EffectiveStd => Std.IsDefaultOrEmpty ? [1f, 1f, 1f] : Std;
}
