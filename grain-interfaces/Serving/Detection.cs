namespace Ratio1.Orleans.Contracts.Serving;

/// <summary>One detected object: its class, score, and box corners in the pixels of the image that was sent.</summary>
[GenerateSerializer, Immutable, Alias("r1.detection")]
public sealed record Detection(
    [property: Id(0)] int ClassIndex,
    [property: Id(1)] string Label,
    [property: Id(2)] float Score,
    [property: Id(3)] float Left,
    [property: Id(4)] float Top,
    [property: Id(5)] float Right,
    [property: Id(6)] float Bottom);
