namespace Ratio1.Orleans.Contracts.Messages;

/// <summary>
/// Facts every outgoing message carries (Ratio1's <c>EE_*</c> envelope): the sending node, the payload path
/// [node, pipeline, signature, instance], a per-node sequence number, a UTC timestamp and who initiated the config.
/// </summary>
[GenerateSerializer, Immutable, Alias("r1.message-envelope")]
public sealed record MessageEnvelope(
    [property: Id(0)] string NodeId,
    [property: Id(1)] string? Pipeline,
    [property: Id(2)] string? Signature,
    [property: Id(3)] string? InstanceId,
    [property: Id(4)] long Sequence,
    [property: Id(5)] DateTimeOffset Timestamp,
    [property: Id(6)] Guid MessageId,
    [property: Id(7)] string? InitiatorId = null,
    [property: Id(8)] string? ModifiedById = null,
    [property: Id(9)] string? SessionId = null)
{
    /// <summary><c>EE_TIMESTAMP</c> as ISO 8601 UTC.</summary>
    public string TimestampText => Timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", System.Globalization.CultureInfo.InvariantCulture);
}
