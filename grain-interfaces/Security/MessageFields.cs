namespace Ratio1.Orleans.Contracts.Security;

/// <summary>The signature fields of a Ratio1 message (<c>ratio1/const/base.py</c> <c>BCctbase</c>).</summary>
public static class MessageFields
{
    /// <summary>The signature: base64url (padded) DER ECDSA-secp256k1 over SHA-256 of the 32 digest bytes.</summary>
    public const string Sign = "EE_SIGN";

    /// <summary>The signer's address (<c>0xai_...</c>).</summary>
    public const string Sender = "EE_SENDER";

    /// <summary>The digest: lowercase hex SHA-256 of the canonical JSON.</summary>
    public const string Hash = "EE_HASH";

    /// <summary>The canon (<c>"v1"</c>, <c>"v2"</c>); absent on old messages.</summary>
    public const string SignCanonVersion = "SIGN_CANON_V";

    /// <summary>EVM sender (not produced here; excluded from the hash as on EVM-enabled Ratio1 networks).</summary>
    public const string EthSender = "EE_ETH_SENDER";

    /// <summary>EVM signature (usually the placeholder <c>0xBEEF</c>; excluded from the hash).</summary>
    public const string EthSign = "EE_ETH_SIGN";

    /// <summary>The <c>SIGN_CANON_V</c> value of a canon.</summary>
    public static string CanonText(SignCanon canon) => canon == SignCanon.V1 ? "v1" : "v2";

    /// <summary>True for the fields left out of the hashed data (<c>SIGN_CANON_V</c> is put back for v2).</summary>
    public static bool IsSignatureField(string key) =>
        key is Sign or Sender or Hash or SignCanonVersion or EthSender or EthSign;
}
