using Ratio1.Orleans.Contracts.Config;

namespace Ratio1.Orleans.Contracts.Commands;

/// <summary>
/// Data pushed by a client into an <c>OnDemandInput</c> pipeline. Payloads produced from it carry
/// <see cref="InputId"/> under <c>INPUT_ID</c>, so a request can be matched to its response.
/// </summary>
[GenerateSerializer, Immutable, Alias("r1.pipeline-input")]
public sealed record PipelineInput(
    [property: Id(0)] Guid InputId,
    [property: Id(1)] string Pipeline,
    [property: Id(2)] ConfigValue Data,
    [property: Id(3)] string InitiatorId);
