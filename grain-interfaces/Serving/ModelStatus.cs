using System.Collections.Immutable;

namespace Ratio1.Orleans.Contracts.Serving;

/// <summary>
/// A declared model as its node reports it (in <c>models</c> listings and in heartbeats): its state, where it runs —
/// the provider actually used, the device, and why a requested GPU was not used — its tensors and what it has served.
/// </summary>
/// <param name="Source"><c>config</c> (declared in the silo's settings) or <c>registry</c> (added by a client; persisted).</param>
/// <param name="Reason">Why it failed to load (null unless <see cref="State"/> is <see cref="ModelState.Failed"/>).</param>
/// <param name="Provider">The provider in use (CPU until loaded).</param>
/// <param name="FallbackReason">Why the requested provider was not used, or null when it was.</param>
/// <param name="MaxBatchSize">The batch size the batcher uses (the declared one, capped by the model's batch axis).</param>
[GenerateSerializer, Immutable, Alias("r1.model-status")]
public sealed record ModelStatus(
    [property: Id(0)] string Name,
    [property: Id(1)] string Version,
    [property: Id(2)] string Path,
    [property: Id(3)] ModelProfile Profile,
    [property: Id(4)] string Source,
    [property: Id(5)] ModelState State,
    [property: Id(6)] string? Reason,
    [property: Id(7)] ExecutionProvider RequestedProvider,
    [property: Id(8)] ExecutionProvider Provider,
    [property: Id(9)] int DeviceId,
    [property: Id(10)] string? FallbackReason,
    [property: Id(11)] ImmutableArray<TensorInfo> Inputs,
    [property: Id(12)] ImmutableArray<TensorInfo> Outputs,
    [property: Id(13)] int MaxBatchSize,
    [property: Id(14)] DateTimeOffset? LoadedAt,
    [property: Id(15)] ModelStats Stats);
