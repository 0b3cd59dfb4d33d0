using Ratio1.Orleans.Contracts.Config;

namespace Ratio1.Orleans.Contracts.Messages;

/// <summary>A business payload emitted by a plugin instance (<c>EE_EVENT_TYPE = PAYLOAD</c>).</summary>
/// <param name="Data">The plugin's keys (upper-case, as Ratio1 payloads).</param>
[GenerateSerializer, Immutable, Alias("r1.payload")]
public sealed record Payload(
    [property: Id(0)] MessageEnvelope Envelope,
    [property: Id(1)] ConfigMap Data);
