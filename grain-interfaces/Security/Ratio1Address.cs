using Secp256k1Net;

namespace Ratio1.Orleans.Contracts.Security;

/// <summary>
/// Ratio1 addresses: <c>0xai_</c> followed by the base64url (padded, as Python's <c>urlsafe_b64encode</c>) of the 33-byte
/// compressed secp256k1 public key, e.g. <c>0xai_AuN2SENcYNzRgbPUHVCFe6W1q-vieUKap2VY9mU_Fljy</c>.
/// </summary>
public static class Ratio1Address
{
    /// <summary>The prefix of every current address.</summary>
    public const string Prefix = "0xai_";

    /// <summary>The prefix older Ratio1 (AiXpand) addresses carry; still accepted when parsing.</summary>
    public const string LegacyPrefix = "aixp_";

    /// <summary>Length of a compressed public key.</summary>
    public const int CompressedKeyLength = 33;

    /// <summary>The address of a public key.</summary>
    /// <exception cref="ArgumentException">Not a valid 33-byte compressed secp256k1 point.</exception>
    public static string FromPublicKey(ReadOnlySpan<byte> compressedPublicKey)
    {
        if (compressedPublicKey.Length != CompressedKeyLength || !Secp256k1.IsValidPublicKey(compressedPublicKey))
        {
            throw new ArgumentException($"a Ratio1 address needs a valid 33-byte compressed secp256k1 public key, not {compressedPublicKey.Length} bytes that are not one.", nameof(compressedPublicKey));
        }

        return Prefix + Base64UrlText.Encode(compressedPublicKey);
    }

    /// <summary>
    /// Reads an address, with or without its <c>0xai_</c> (or old <c>aixp_</c>) prefix, as whitelists store it, and
    /// checks that it is a point on the curve. An uncompressed key (65 bytes) is accepted and returned compressed.
    /// </summary>
    public static bool TryParse(string? address, out byte[] compressedPublicKey)
    {
        compressedPublicKey = [];
        if (string.IsNullOrWhiteSpace(address))
        {
            return false;
        }

        var body = address.AsSpan().Trim();
        if (body.StartsWith(Prefix, StringComparison.Ordinal))
        {
            body = body[Prefix.Length..];
        }
        else if (body.StartsWith(LegacyPrefix, StringComparison.Ordinal))
        {
            body = body[LegacyPrefix.Length..];
        }

        Span<byte> key = stackalloc byte[72];
        if (!Base64UrlText.TryDecode(body, key, out var length) || (length != CompressedKeyLength && length != 65))
        {
            return false;
        }

        var serialized = key[..length];
        if (!Secp256k1.IsValidPublicKey(serialized))
        {
            return false;
        }

        compressedPublicKey = length == CompressedKeyLength ? serialized.ToArray() : Secp256k1.CompressPublicKey(serialized);
        return true;
    }

    /// <summary>True when <paramref name="address"/> is a valid address (with or without prefix).</summary>
    public static bool IsValid(string? address) => TryParse(address, out _);

    /// <summary>
    /// The canonical form of an address given with or without prefix (<c>0xai_</c> + the compressed key), so that two
    /// spellings of one key compare equal.
    /// </summary>
    /// <exception cref="FormatException">Not a valid address.</exception>
    public static string Normalize(string address) =>
        TryParse(address, out var key)
            ? Prefix + Base64UrlText.Encode(key)
            : throw new FormatException($"'{Printable(address)}' is not a Ratio1 address (0xai_ followed by the base64url of a 33-byte compressed secp256k1 public key).");

    /// <summary>A short human form for logs and the CLI: <c>0xai_AbCd…wXyZ</c> (the prefix, the first and the last 4 characters).</summary>
    public static string Short(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var body = address.StartsWith(Prefix, StringComparison.Ordinal) ? address[Prefix.Length..]
            : address.StartsWith(LegacyPrefix, StringComparison.Ordinal) ? address[LegacyPrefix.Length..]
            : address;
        return body.Length <= 12 ? Prefix + body : $"{Prefix}{body[..4]}…{body[^4..]}";
    }

    // For error messages: an address is public, but bound what is echoed.
    private static string Printable(string? text) => text is null ? "" : text.Length <= 100 ? text : text[..100] + "…";
}
