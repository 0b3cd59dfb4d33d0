namespace Ratio1.Orleans.Contracts.Security;

/// <summary>
/// A client request whose signature, freshness and role the receiving silo verified before running it. The silo puts
/// it in the call's request context for the grain method to read (<see cref="Current"/>), e.g. to record the verified
/// signer in a pipeline's history; a value a client sends under the same key is discarded before verification.
/// </summary>
/// <param name="Signer">The signer's address (<c>0xai_...</c>), from the verified signature.</param>
/// <param name="Document">The signed request exactly as verified: a Ratio1 signed message (canonical JSON with
/// <c>EE_SENDER</c>, <c>EE_HASH</c>, <c>EE_SIGN</c>, <c>SIGN_CANON_V</c>), verifiable again later by anyone.</param>
/// <param name="Hash">Its <c>EE_HASH</c> (lowercase hex SHA-256 of the canonical form).</param>
/// <param name="Signature">Its <c>EE_SIGN</c> (base64url DER ECDSA signature).</param>
/// <param name="Role">The role the signer holds on the target node (at least the one the call required).</param>
[GenerateSerializer, Immutable, Alias("r1.verified-request")]
public sealed record VerifiedRequest(
    [property: Id(0)] string Signer,
    [property: Id(1)] string Document,
    [property: Id(2)] string Hash,
    [property: Id(3)] string Signature,
    [property: Id(4)] AccessRole Role)
{
    /// <summary>The request-context key the silo uses; values clients send under it are removed.</summary>
    public const string ContextKey = "r1.verified-request";

    /// <summary>The verified request of the call being served, or null (security off and the caller did not sign, or an internal call).</summary>
    public static VerifiedRequest? Current => RequestContext.Get(ContextKey) as VerifiedRequest;
}
