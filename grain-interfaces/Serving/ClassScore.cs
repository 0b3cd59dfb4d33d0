namespace Ratio1.Orleans.Contracts.Serving;

/// <summary>One class of a classification result.</summary>
[GenerateSerializer, Immutable, Alias("r1.class-score")]
public sealed record ClassScore(
    [property: Id(0)] int ClassIndex,
    [property: Id(1)] string Label,
    [property: Id(2)] float Score);
