namespace Ratio1.Orleans.Contracts.Serving;

/// <summary>The dynamic batcher of one model.</summary>
/// <param name="MaxBatchSize">Most items one model run takes (1 turns batching off; a model with a fixed batch axis is capped to it).</param>
/// <param name="MaxQueueDelayMicroseconds">How long the first waiting item may wait for others to join its batch.</param>
/// <param name="MaxQueueSize">Items that may wait; beyond it requests are refused as overloaded (back-pressure, bounded memory).</param>
/// <param name="Concurrency">Batches of this model that may run at once (also bounded by the device's concurrency).</param>
[GenerateSerializer, Immutable, Alias("r1.batching-settings")]
public sealed record BatchingSettings(
    [property: Id(0)] int MaxBatchSize = 32,
    [property: Id(1)] int MaxQueueDelayMicroseconds = 250,
    [property: Id(2)] int MaxQueueSize = 1_024,
    [property: Id(3)] int Concurrency = 1)
{
    public static BatchingSettings Default { get; } = new();
}
