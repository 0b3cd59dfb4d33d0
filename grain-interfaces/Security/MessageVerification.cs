namespace Ratio1.Orleans.Contracts.Security;

/// <summary>The outcome of checking a Ratio1 signed message (<see cref="MessageSignature.Verify(System.Text.Json.Nodes.JsonObject)"/>).</summary>
/// <param name="Valid">True when <c>EE_HASH</c> (if present) matches and <c>EE_SIGN</c> verifies under <c>EE_SENDER</c>'s key.</param>
/// <param name="Canon">The canon that verified (for an unversioned message, the one that matched); null when none did.</param>
/// <param name="Sender">The sender's address as the message gives it (<c>EE_SENDER</c>), null when absent.</param>
/// <param name="Failure">Why it is not valid (missing field, bad address, corrupted digest with both hashes, signature that does not verify...); null when valid.</param>
[GenerateSerializer, Immutable, Alias("r1.message-verification")]
public sealed record MessageVerification(
    [property: Id(0)] bool Valid,
    [property: Id(1)] SignCanon? Canon,
    [property: Id(2)] string? Sender,
    [property: Id(3)] string? Failure)
{
    internal static MessageVerification Ok(SignCanon canon, string sender) => new(true, canon, sender, null);

    internal static MessageVerification Fail(string? sender, string failure) => new(false, null, sender, failure);
}
