namespace Ratio1.Orleans.Contracts.Security;

/// <summary>
/// What a signing client attaches to a call (in its request context, under <see cref="ContextKey"/>): the signature
/// of the call's canonical document (<see cref="SignedCall"/>), and the fields of that document the silo cannot
/// derive from the call itself. The silo rebuilds the document from the call it received and these fields, so a call
/// modified after signing no longer matches <see cref="Hash"/> or the signature.
/// </summary>
/// <param name="Sender">The signer's address (<c>EE_SENDER</c>).</param>
/// <param name="Time">When it was signed, Unix milliseconds UTC (<c>TIME</c>).</param>
/// <param name="Nonce">A random value used once (<c>NONCE</c>).</param>
/// <param name="Hash"><c>EE_HASH</c> of the canonical document.</param>
/// <param name="Signature"><c>EE_SIGN</c> over it.</param>
[GenerateSerializer, Immutable, Alias("r1.request-credential")]
public sealed record RequestCredential(
    [property: Id(0)] string Sender,
    [property: Id(1)] long Time,
    [property: Id(2)] string Nonce,
    [property: Id(3)] string Hash,
    [property: Id(4)] string Signature)
{
    /// <summary>The request-context key a signing client puts its credential under.</summary>
    public const string ContextKey = "r1.credential";
}
