namespace Ratio1.Orleans.Contracts.Security;

/// <summary>
/// Base64url as Python's <c>base64.urlsafe_b64encode</c> writes it: <c>-</c> and <c>_</c> for <c>+</c> and <c>/</c>,
/// with <c>=</c> padding. Decoding also takes text without padding, and the standard alphabet.
/// </summary>
internal static class Base64UrlText
{
    public static string Encode(ReadOnlySpan<byte> data)
    {
        var text = Convert.ToBase64String(data);
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = source[i] switch { '+' => '-', '/' => '_', var c => c };
            }
        });
    }

    /// <summary>Decodes into <paramref name="destination"/>; false for anything that is not base64(url) or does not fit.</summary>
    public static bool TryDecode(ReadOnlySpan<char> text, Span<byte> destination, out int written)
    {
        written = 0;
        if (text.Length == 0 || text.Length > 4096)
        {
            return false;
        }

        var padded = (text.Length + 3) / 4 * 4;
        Span<char> standard = padded <= 512 ? stackalloc char[padded] : new char[padded];
        for (var i = 0; i < text.Length; i++)
        {
            standard[i] = text[i] switch
            {
                '-' => '+',
                '_' => '/',
                var c => c,
            };
        }

        standard[text.Length..].Fill('=');
        return Convert.TryFromBase64Chars(standard, destination, out written);
    }
}
