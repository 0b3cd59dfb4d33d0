namespace Ratio1.Orleans.Contracts.Pipelines;

/// <summary>One entry of a pipeline's history.</summary>
/// <param name="ChangedBy">The verified signer's address when the change was signed, else the initiator the client declared.</param>
/// <param name="RolledBackTo">For a rollback, the version whose config was restored.</param>
/// <param name="Verified">Whether <paramref name="ChangedBy"/> comes from a verified signature (false: self-declared).</param>
/// <param name="RecordHash">The version's record hash in the history chain (lowercase hex SHA-256; null for versions stored before chaining).</param>
[GenerateSerializer, Immutable, Alias("r1.pipeline-revision-info")]
public sealed record PipelineRevisionInfo(
    [property: Id(0)] int Version,
    [property: Id(1)] PipelineAction Action,
    [property: Id(2)] string ChangedBy,
    [property: Id(3)] string? SessionId,
    [property: Id(4)] DateTimeOffset ChangedAt,
    [property: Id(5)] bool Archived,
    [property: Id(6)] int InstanceCount,
    [property: Id(7)] string? Comment = null,
    [property: Id(8)] int? RolledBackTo = null,
    [property: Id(9)] bool Verified = false,
    [property: Id(10)] string? RecordHash = null)
{
    /// <summary>The first 12 hex digits of <see cref="RecordHash"/>, for display.</summary>
    public string? ShortHash => RecordHash is { Length: > 12 } hash ? hash[..12] : RecordHash;
}
