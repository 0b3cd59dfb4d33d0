using System.Formats.Asn1;
using System.Security.Cryptography;

namespace Ratio1.Orleans.Contracts.Security;

/// <summary>
/// secp256k1 private keys in PEM: PKCS#8 (<c>PRIVATE KEY</c>, what Ratio1's <c>e2.pem</c> and Python's
/// <c>cryptography</c> write) and SEC1 (<c>EC PRIVATE KEY</c>, what <c>openssl ecparam -genkey</c> writes); public keys
/// as SubjectPublicKeyInfo (<c>PUBLIC KEY</c>).
/// </summary>
internal static class Ratio1KeyPem
{
    private const string EcPublicKeyOid = "1.2.840.10045.2.1";
    private const string Secp256k1Oid = "1.3.132.0.10";

    /// <summary>Reads the 32-byte secret of a PEM private key.</summary>
    /// <exception cref="FormatException">No PEM private key, an encrypted one, or a key that is not secp256k1 (the message never contains key material).</exception>
    public static byte[] ReadPrivateKey(ReadOnlySpan<char> pem)
    {
        var rest = pem;
        while (PemEncoding.TryFind(rest, out var fields))
        {
            var label = rest[fields.Label];
            if (label.SequenceEqual("PRIVATE KEY") || label.SequenceEqual("EC PRIVATE KEY"))
            {
                var der = new byte[fields.DecodedDataLength];
                try
                {
                    if (!Convert.TryFromBase64Chars(rest[fields.Base64Data], der, out _))
                    {
                        throw new FormatException("the PEM key's base64 is damaged.");
                    }

                    return label.SequenceEqual("PRIVATE KEY") ? ReadPkcs8(der) : ReadSec1(der, requireSecp256k1: true);
                }
                catch (AsnContentException)
                {
                    throw new FormatException("the PEM key is not valid DER.");
                }
                finally
                {
                    CryptographicOperations.ZeroMemory(der);
                }
            }

            if (label.SequenceEqual("ENCRYPTED PRIVATE KEY"))
            {
                throw new FormatException("the key is password-protected (ENCRYPTED PRIVATE KEY); Ratio1 identities are stored without password (PASSWORD: null), protected by file permissions.");
            }

            rest = rest[fields.Location.End..];
        }

        throw new FormatException("no PEM private key found (expected -----BEGIN PRIVATE KEY----- or -----BEGIN EC PRIVATE KEY-----).");
    }

    /// <summary>PKCS#8 PEM of a secp256k1 key, readable by Python's <c>serialization.load_pem_private_key</c> and OpenSSL.</summary>
    public static string WritePrivateKey(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> uncompressedPublicKey)
    {
        var ecPrivateKey = new AsnWriter(AsnEncodingRules.DER);
        using (ecPrivateKey.PushSequence())
        {
            ecPrivateKey.WriteInteger(1);
            ecPrivateKey.WriteOctetString(secret);
            using (ecPrivateKey.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true)))
            {
                ecPrivateKey.WriteBitString(uncompressedPublicKey);
            }
        }

        var inner = ecPrivateKey.Encode();
        var pkcs8 = new AsnWriter(AsnEncodingRules.DER);
        using (pkcs8.PushSequence())
        {
            pkcs8.WriteInteger(0);
            WriteAlgorithm(pkcs8);
            pkcs8.WriteOctetString(inner);
        }

        var der = pkcs8.Encode();
        try
        {
            return PemEncoding.WriteString("PRIVATE KEY", der);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(inner);
            CryptographicOperations.ZeroMemory(der);
        }
    }

    /// <summary>SubjectPublicKeyInfo PEM (<c>PUBLIC KEY</c>) of a public key.</summary>
    public static string WritePublicKey(ReadOnlySpan<byte> uncompressedPublicKey)
    {
        var spki = new AsnWriter(AsnEncodingRules.DER);
        using (spki.PushSequence())
        {
            WriteAlgorithm(spki);
            spki.WriteBitString(uncompressedPublicKey);
        }

        return PemEncoding.WriteString("PUBLIC KEY", spki.Encode());
    }

    private static void WriteAlgorithm(AsnWriter writer)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(EcPublicKeyOid);
            writer.WriteObjectIdentifier(Secp256k1Oid);
        }
    }

    private static byte[] ReadPkcs8(byte[] der)
    {
        var reader = new AsnReader(der, AsnEncodingRules.BER);
        var info = reader.ReadSequence();
        info.ReadInteger();
        var algorithm = info.ReadSequence();
        var algorithmOid = algorithm.ReadObjectIdentifier();
        if (algorithmOid != EcPublicKeyOid)
        {
            throw new FormatException($"the key is not an elliptic-curve key (algorithm {algorithmOid}); a Ratio1 identity is a secp256k1 key.");
        }

        if (!algorithm.HasData || algorithm.PeekTag() != Asn1Tag.ObjectIdentifier)
        {
            throw new FormatException("the key names no named curve; a Ratio1 identity is a secp256k1 key.");
        }

        var curve = algorithm.ReadObjectIdentifier();
        if (curve != Secp256k1Oid)
        {
            throw new FormatException($"the key is on curve {CurveName(curve)}, not secp256k1 (1.3.132.0.10), the curve of Ratio1 identities.");
        }

        var inner = info.ReadOctetString();
        try
        {
            return ReadSec1(inner, requireSecp256k1: false);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(inner);
        }
    }

    private static byte[] ReadSec1(byte[] der, bool requireSecp256k1)
    {
        var reader = new AsnReader(der, AsnEncodingRules.BER);
        var key = reader.ReadSequence();
        key.ReadInteger();
        var secret = key.ReadOctetString();
        string? curve = null;
        if (key.HasData && key.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
        {
            var parameters = key.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true));
            curve = parameters.ReadObjectIdentifier();
        }

        if ((requireSecp256k1 || curve is not null) && curve != Secp256k1Oid)
        {
            CryptographicOperations.ZeroMemory(secret);
            throw new FormatException($"the key is on curve {CurveName(curve)}, not secp256k1 (1.3.132.0.10), the curve of Ratio1 identities.");
        }

        if (secret.Length > 32)
        {
            CryptographicOperations.ZeroMemory(secret);
            throw new FormatException($"the key's secret is {secret.Length} bytes; a secp256k1 secret is 32.");
        }

        if (secret.Length == 32)
        {
            return secret;
        }

        // Some writers drop leading zero bytes.
        var padded = new byte[32];
        secret.CopyTo(padded, 32 - secret.Length);
        CryptographicOperations.ZeroMemory(secret);
        return padded;
    }

    private static string CurveName(string? oid) => oid switch
    {
        null => "(unnamed)",
        "1.2.840.10045.3.1.7" => "P-256 (1.2.840.10045.3.1.7)",
        "1.3.132.0.34" => "P-384 (1.3.132.0.34)",
        "1.3.132.0.35" => "P-521 (1.3.132.0.35)",
        _ => oid,
    };
}
