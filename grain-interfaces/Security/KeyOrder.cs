namespace Ratio1.Orleans.Contracts.Security;

/// <summary>
/// Python's string order (by code point). It is UTF-16 ordinal order except where a surrogate pair (a character
/// above U+FFFF) meets a character in U+E000..U+FFFF: by code point the pair sorts after, in UTF-16 before.
/// </summary>
internal static class KeyOrder
{
    public static int Compare(string? left, string? right)
    {
        if (ReferenceEquals(left, right))
        {
            return 0;
        }

        if (left is null || right is null)
        {
            return left is null ? -1 : 1;
        }

        var length = Math.Min(left.Length, right.Length);
        for (var i = 0; i < length; i++)
        {
            int a = left[i];
            int b = right[i];
            if (a == b)
            {
                continue;
            }

            if (a >= 0xD800 && b >= 0xD800)
            {
                a = Shift(a);
                b = Shift(b);
            }

            return a - b;
        }

        return left.Length - right.Length;
    }

    // Surrogates (U+D800..U+DFFF) above U+E000..U+FFFF; only the first differing unit matters.
    private static int Shift(int unit) => unit >= 0xE000 ? unit - 0x800 : unit + 0x2000;
}
