namespace Ratio1.Orleans.Contracts.Pipelines;

/// <summary>Who asks for a change, and on which version it is based.</summary>
/// <param name="InitiatorId">The client (Ratio1's <c>INITIATOR_ID</c> / <c>MODIFIED_BY_ID</c>).</param>
/// <param name="SessionId">The client session (Ratio1's <c>SESSION_ID</c>).</param>
/// <param name="ExpectedVersion">
/// Optimistic concurrency: null applies unconditionally (as Ratio1 does); 0 requires that no live pipeline exists;
/// N requires the pipeline to be at version N. A mismatch is rejected with a conflict and changes nothing.
/// </param>
/// <param name="Comment">Optional note kept in the pipeline's history.</param>
[GenerateSerializer, Immutable, Alias("r1.change-request")]
public sealed record ChangeRequest(
    [property: Id(0)] string InitiatorId,
    [property: Id(1)] string? SessionId = null,
    [property: Id(2)] int? ExpectedVersion = null,
    [property: Id(3)] string? Comment = null);
