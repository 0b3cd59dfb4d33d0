using System.Security.Cryptography;
using System.Text;

namespace Ratio1.Orleans.Dashboard.Access;

/// <summary>
/// A bearer token as the dashboard keeps it: only its SHA-256 hash, compared in constant time (hashing first makes the
/// time independent of the lengths too). The token itself is never logged, echoed or kept.
/// </summary>
public sealed class DashboardToken
{
    private readonly byte[] _hash;

    private DashboardToken(byte[] hash) => _hash = hash;

    /// <summary>The token of <paramref name="text"/>.</summary>
    public static DashboardToken Of(string text) => new(Hash(text));

    /// <summary>Whether a presented token (its <see cref="Hash"/>) is this one (constant time).</summary>
    public bool Matches(ReadOnlySpan<byte> presentedHash) => CryptographicOperations.FixedTimeEquals(presentedHash, _hash);

    /// <summary>The hash a presented token is compared by.</summary>
    public static byte[] Hash(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text.Trim()));

    /// <summary>
    /// Reads a token file (one line, trimmed). The errors name <paramref name="setting"/> and the file, never the token.
    /// </summary>
    /// <exception cref="ArgumentException">The file cannot be read, is empty, or holds a token shorter than <paramref name="minimumLength"/>.</exception>
    public static string ReadFile(string file, string setting, int minimumLength)
    {
        string text;
        try
        {
            text = File.ReadAllText(file).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"{setting} '{file}': cannot read it: {e.Message}", e);
        }

        return text.Length >= minimumLength
            ? text
            : throw new ArgumentException($"{setting} '{file}' holds a token of {text.Length} characters; it needs at least {minimumLength}");
    }
}
