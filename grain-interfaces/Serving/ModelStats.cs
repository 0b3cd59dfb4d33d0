namespace Ratio1.Orleans.Contracts.Serving;

/// <summary>
/// What a model has served since it loaded. Latencies are in microseconds over the most recent requests; the rate is
/// items per second over the last heartbeat-sized window.
/// </summary>
[GenerateSerializer, Immutable, Alias("r1.model-stats")]
public sealed record ModelStats(
    [property: Id(0)] long Requests,
    [property: Id(1)] long Completed,
    [property: Id(2)] long Failed,
    [property: Id(3)] long Overloaded,
    [property: Id(4)] long Canceled,
    [property: Id(5)] long Batches,
    [property: Id(6)] double MeanBatchSize,
    [property: Id(7)] double QueueP50Microseconds,
    [property: Id(8)] double QueueP99Microseconds,
    [property: Id(9)] double InferenceP50Microseconds,
    [property: Id(10)] double InferenceP99Microseconds,
    [property: Id(11)] double ItemsPerSecond,
    [property: Id(12)] int QueueDepth)
{
    public static ModelStats Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
