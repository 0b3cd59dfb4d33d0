using System.Collections.Immutable;

namespace Ratio1.Orleans.Contracts.Serving;

/// <summary>
/// The result of one item: the raw output tensors (this item's slice of the batch), and for image profiles the
/// classes or detections read from them, with where and how it ran.
/// </summary>
/// <param name="BatchSize">How many items shared the model run this one was part of.</param>
[GenerateSerializer, Immutable, Alias("r1.inference-result")]
public sealed record InferenceResult(
    [property: Id(0)] string Model,
    [property: Id(1)] string Version,
    [property: Id(2)] ExecutionProvider Provider,
    [property: Id(3)] ImmutableArray<TensorData> Outputs,
    [property: Id(4)] ImmutableArray<ClassScore> Classes,
    [property: Id(5)] ImmutableArray<Detection> Detections,
    [property: Id(6)] int BatchSize,
    [property: Id(7)] double QueueMicroseconds,
    [property: Id(8)] double InferenceMicroseconds);
