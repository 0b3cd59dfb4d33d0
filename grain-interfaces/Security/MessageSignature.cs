using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Secp256k1Net;

namespace Ratio1.Orleans.Contracts.Security;

/// <summary>
/// Verification of Ratio1 signed messages (<c>ratio1/bc/base.py::verify</c>): <c>EE_HASH</c> is the lowercase hex
/// SHA-256 of the canonical JSON of the message without its signature fields (v2 keeps <c>SIGN_CANON_V</c>), and
/// <c>EE_SIGN</c> the base64url DER ECDSA-secp256k1 signature over SHA-256 of those 32 digest bytes, by the key
/// <c>EE_SENDER</c> names. High-S signatures (which Python's <c>cryptography</c> makes) are accepted.
/// </summary>
public static class MessageSignature
{
    private const int DigestLength = 32;

    /// <summary><c>EE_HASH</c> of canonical bytes: lowercase hex SHA-256.</summary>
    public static string HashHex(ReadOnlySpan<byte> canonicalUtf8)
    {
        Span<byte> digest = stackalloc byte[DigestLength];
        SHA256.HashData(canonicalUtf8, digest);
        return Convert.ToHexStringLower(digest);
    }

    /// <summary>
    /// The digest a message is signed under in <paramref name="canon"/>: SHA-256 of the canonical JSON of its data
    /// (every key but <c>EE_SIGN, EE_SENDER, EE_HASH, SIGN_CANON_V, EE_ETH_SIGN, EE_ETH_SENDER</c>; v2 keeps <c>SIGN_CANON_V</c>).
    /// </summary>
    public static void ComputeDigest(JsonObject message, SignCanon canon, Span<byte> digest32)
    {
        ArgumentNullException.ThrowIfNull(message);
        var source = new NodeMessage(message);
        source.Digest(canon, canon == SignCanon.V2, digest32);
    }

    /// <inheritdoc cref="ComputeDigest(JsonObject, SignCanon, Span{byte})"/>
    public static void ComputeDigest(JsonElement message, SignCanon canon, Span<byte> digest32)
    {
        RequireObject(message);
        var source = new ElementMessage(message);
        source.Digest(canon, canon == SignCanon.V2, digest32);
    }

    /// <summary>
    /// True when <paramref name="eeSign"/> (base64url DER) is a signature by <paramref name="compressedPublicKey"/> over
    /// SHA-256 of <paramref name="digest32"/>; false, never an exception, for anything malformed.
    /// </summary>
    public static bool VerifyDigest(ReadOnlySpan<byte> compressedPublicKey, ReadOnlySpan<byte> digest32, string eeSign)
    {
        if (digest32.Length != DigestLength || string.IsNullOrEmpty(eeSign))
        {
            return false;
        }

        Span<byte> der = stackalloc byte[96];
        if (!Base64UrlText.TryDecode(eeSign, der, out var derLength))
        {
            return false;
        }

        Span<byte> hashed = stackalloc byte[DigestLength];
        SHA256.HashData(digest32, hashed);
        return VerifyHashed(compressedPublicKey, hashed, der[..derLength]);
    }

    /// <summary>
    /// Checks a Ratio1 signed message: <c>EE_SENDER</c> and <c>EE_SIGN</c> present, the sender a valid address, then per
    /// <c>SIGN_CANON_V</c> (absent: v2 without the field, then v1; <c>"v2"</c> or <c>"v1"</c>: that one only; anything
    /// else refused) <c>EE_HASH</c> equal to the recomputed digest (when present) and the signature valid.
    /// </summary>
    public static MessageVerification Verify(JsonObject message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Verify(new NodeMessage(message));
    }

    /// <inheritdoc cref="Verify(JsonObject)"/>
    public static MessageVerification Verify(JsonElement message) =>
        message.ValueKind == JsonValueKind.Object
            ? Verify(new ElementMessage(message))
            : MessageVerification.Fail(null, $"a signed message is a JSON object, not {message.ValueKind}");

    private static MessageVerification Verify<TMessage>(TMessage message)
        where TMessage : struct, IMessage
    {
        var sender = message.Text(MessageFields.Sender, out var senderPresent);
        if (sender is null)
        {
            return MessageVerification.Fail(null, senderPresent ? "EE_SENDER is not a string" : "missing EE_SENDER (the sender's address)");
        }

        var signature = message.Text(MessageFields.Sign, out var signPresent);
        if (signature is null)
        {
            return MessageVerification.Fail(sender, signPresent ? "EE_SIGN is not a string" : "missing EE_SIGN (the signature)");
        }

        if (!Ratio1Address.TryParse(sender, out var publicKey))
        {
            return MessageVerification.Fail(sender, $"bad sender address '{Clip(sender)}' in EE_SENDER: not 0xai_ + base64url of a compressed secp256k1 public key");
        }

        Span<byte> der = stackalloc byte[96];
        if (!Base64UrlText.TryDecode(signature, der, out var derLength))
        {
            return MessageVerification.Fail(sender, $"EE_SIGN '{Clip(signature)}' is not base64url");
        }

        var hash = message.Text(MessageFields.Hash, out var hashPresent);
        if (hash is null && hashPresent && !message.IsNull(MessageFields.Hash))
        {
            return MessageVerification.Fail(sender, "EE_HASH is not a string (the hex SHA-256 of the canonical data)");
        }

        var version = message.Text(MessageFields.SignCanonVersion, out var versionPresent);
        if (!versionPresent || message.IsNull(MessageFields.SignCanonVersion))
        {
            var current = Attempt(message, SignCanon.V2, includeCanonKey: false, hash, publicKey, der[..derLength]);
            if (current is null)
            {
                return MessageVerification.Ok(SignCanon.V2, sender);
            }

            var legacy = Attempt(message, SignCanon.V1, includeCanonKey: false, hash, publicKey, der[..derLength]);
            return legacy is null
                ? MessageVerification.Ok(SignCanon.V1, sender)
                : MessageVerification.Fail(sender, $"no SIGN_CANON_V and neither canon verifies: v2: {current}; v1: {legacy}");
        }

        var canon = version switch
        {
            "v2" => SignCanon.V2,
            "v1" => SignCanon.V1,
            _ => (SignCanon?)null,
        };
        if (canon is not { } known)
        {
            return MessageVerification.Fail(sender, $"unknown signing canon version '{Clip(version ?? "(not a string)")}' in SIGN_CANON_V (v1 or v2)");
        }

        var failure = Attempt(message, known, includeCanonKey: known == SignCanon.V2, hash, publicKey, der[..derLength]);
        return failure is null
            ? MessageVerification.Ok(known, sender)
            : MessageVerification.Fail(sender, $"{MessageFields.CanonText(known)}: {failure}");
    }

    // Null when the message verifies under this canon, else why not.
    private static string? Attempt<TMessage>(TMessage message, SignCanon canon, bool includeCanonKey, string? hash, byte[] publicKey, ReadOnlySpan<byte> der)
        where TMessage : struct, IMessage
    {
        Span<byte> digest = stackalloc byte[DigestLength];
        Span<byte> signed = stackalloc byte[DigestLength];
        if (!string.IsNullOrEmpty(hash))
        {
            message.Digest(canon, includeCanonKey, digest);
            Span<char> hex = stackalloc char[DigestLength * 2];
            Convert.TryToHexStringLower(digest, hex, out _);
            if (!hex.SequenceEqual(hash))
            {
                return $"corrupted digest: EE_HASH is {Clip(hash)}, the message hashes to {hex}";
            }

            SHA256.HashData(digest, signed);
        }
        else
        {
            // No EE_HASH: Ratio1 signs the canonical bytes themselves, i.e. ECDSA over their SHA-256.
            message.Digest(canon, includeCanonKey, signed);
        }

        return VerifyHashed(publicKey, signed, der) ? null : "the signature does not verify";
    }

    private static bool VerifyHashed(ReadOnlySpan<byte> compressedPublicKey, ReadOnlySpan<byte> hashed32, ReadOnlySpan<byte> der)
    {
        if (compressedPublicKey.Length is not (33 or 65) || der.Length is < 8 or > 72)
        {
            return false;
        }

        try
        {
            // libsecp256k1 accepts only low-S; Python's cryptography makes high-S signatures half the time.
            var normalized = Secp256k1.NormalizeSignature(Secp256k1.SignatureFromDer(der));
            return Secp256k1.Verify(normalized, hashed32, compressedPublicKey);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private static void RequireObject(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"a signed message is a JSON object, not {message.ValueKind}.", nameof(message));
        }
    }

    private static string Clip(string text) => text.Length <= 100 ? text : text[..100] + "…";

    /// <summary>A message as the verifier reads it, over a <see cref="JsonObject"/> or a <see cref="JsonElement"/>.</summary>
    private interface IMessage
    {
        /// <summary>The string value of a top-level key; null when absent (<paramref name="present"/> false) or not a string.</summary>
        string? Text(string key, out bool present);

        bool IsNull(string key);

        void Digest(SignCanon canon, bool includeCanonKey, Span<byte> digest32);
    }

    private readonly struct NodeMessage(JsonObject message) : IMessage
    {
        public string? Text(string key, out bool present)
        {
            present = message.TryGetPropertyValue(key, out var node);
            return node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
        }

        public bool IsNull(string key) => message.TryGetPropertyValue(key, out var node) && node is null;

        public void Digest(SignCanon canon, bool includeCanonKey, Span<byte> digest32)
        {
            var output = new Utf8Builder(1024);
            try
            {
                CanonicalJsonWriter.Write(ref output, message, canon, includeCanonKey ? CanonicalJsonWriter.TopLevel.DataAndCanon : CanonicalJsonWriter.TopLevel.DataOnly);
                SHA256.HashData(output.Written, digest32);
            }
            finally
            {
                output.Dispose();
            }
        }
    }

    private readonly struct ElementMessage(JsonElement message) : IMessage
    {
        public string? Text(string key, out bool present)
        {
            present = message.TryGetProperty(key, out var value);
            return present && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        }

        public bool IsNull(string key) => message.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Null;

        public void Digest(SignCanon canon, bool includeCanonKey, Span<byte> digest32)
        {
            var output = new Utf8Builder(1024);
            try
            {
                CanonicalJsonWriter.Write(ref output, message, canon, includeCanonKey ? CanonicalJsonWriter.TopLevel.DataAndCanon : CanonicalJsonWriter.TopLevel.DataOnly);
                SHA256.HashData(output.Written, digest32);
            }
            finally
            {
                output.Dispose();
            }
        }
    }
}
