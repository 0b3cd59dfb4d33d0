using System.Collections.Immutable;
using Ratio1.Orleans.Contracts.Serving;

namespace Ratio1.Orleans.Serving.Batching;

/// <summary>The result of one item that went through the batcher.</summary>
/// <param name="Outputs">This item's slice of every model output, in the model's output order, named like the outputs, batch axis 1.</param>
/// <param name="BatchSize">How many items shared the model run (padding of a fixed batch axis not counted).</param>
/// <param name="QueueMicroseconds">From the call to the moment its batch was taken from the queue.</param>
/// <param name="InferenceMicroseconds">The model run of the whole batch, in ONNX Runtime.</param>
public sealed record BatchResult(ImmutableArray<TensorData> Outputs, int BatchSize, double QueueMicroseconds, double InferenceMicroseconds);
