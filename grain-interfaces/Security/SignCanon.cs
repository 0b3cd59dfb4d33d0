namespace Ratio1.Orleans.Contracts.Security;

/// <summary>
/// How floats are written in the canonical JSON that Ratio1 hashes and signs (<c>SIGN_CANON_V</c> in a message).
/// </summary>
[GenerateSerializer, Alias("r1.sign-canon")]
public enum SignCanon
{
    /// <summary>Legacy (<c>"v1"</c>): Python's float repr with trailing zeros and the dot stripped (<c>1.0</c> as <c>1</c>); <c>SIGN_CANON_V</c> is not hashed.</summary>
    V1 = 1,

    /// <summary>Current (<c>"v2"</c>): Python's float repr (<c>1.0</c>, <c>1e-07</c>, <c>1e+16</c>); <c>SIGN_CANON_V</c> is hashed with the data.</summary>
    V2 = 2,
}
