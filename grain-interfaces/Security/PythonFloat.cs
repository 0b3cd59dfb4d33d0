using System.Globalization;

namespace Ratio1.Orleans.Contracts.Security;

/// <summary>
/// Floats as Python writes them in JSON: <c>float.__repr__</c> (shortest round-trip digits; exponent form when the
/// decimal exponent is below -4 or above 15: <c>1e-05</c>, <c>1e+16</c>; otherwise fixed with at least one decimal:
/// <c>0.0001</c>, <c>1.0</c>), and Ratio1's legacy (v1) rule on top of it.
/// </summary>
internal static class PythonFloat
{
    /// <summary>Longest repr: sign, 17 digits, dot, "e-308" (fixed form needs at most 16 zeros before the digits).</summary>
    public const int MaxLength = 40;

    /// <summary>Writes the repr of a finite <paramref name="value"/> as ASCII; returns the length.</summary>
    public static int WriteRepr(double value, Span<byte> destination)
    {
        var pos = 0;
        if (value == 0)
        {
            if (double.IsNegative(value))
            {
                destination[pos++] = (byte)'-';
            }

            "0.0"u8.CopyTo(destination[pos..]);
            return pos + 3;
        }

        Span<char> shortest = stackalloc char[32];
        if (!value.TryFormat(shortest, out var written, "R", CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException($"cannot format {value}.");
        }

        // Split .NET's shortest form ("-1.2345E-05", "123.45", "0.00012", "1E+16") into digits and decimal point position.
        ReadOnlySpan<char> text = shortest[..written];
        if (text[0] == '-')
        {
            destination[pos++] = (byte)'-';
            text = text[1..];
        }

        Span<byte> digits = stackalloc byte[24];
        var count = 0;
        int pointAt;
        var e = text.IndexOfAny('E', 'e');
        var mantissa = e >= 0 ? text[..e] : text;
        var dot = mantissa.IndexOf('.');
        var integerDigits = dot >= 0 ? dot : mantissa.Length;
        var leadingZeros = 0;
        var seenNonZero = false;
        foreach (var c in mantissa)
        {
            if (c == '.')
            {
                continue;
            }

            if (!seenNonZero && c == '0')
            {
                leadingZeros++;
                continue;
            }

            seenNonZero = true;
            digits[count++] = (byte)c;
        }

        pointAt = integerDigits - leadingZeros;
        if (e >= 0)
        {
            pointAt += int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }

        while (count > 1 && digits[count - 1] == '0')
        {
            count--;
        }

        var exponent = pointAt - 1;
        if (exponent < -4 || exponent >= 16)
        {
            destination[pos++] = digits[0];
            if (count > 1)
            {
                destination[pos++] = (byte)'.';
                digits[1..count].CopyTo(destination[pos..]);
                pos += count - 1;
            }

            destination[pos++] = (byte)'e';
            destination[pos++] = exponent < 0 ? (byte)'-' : (byte)'+';
            var magnitude = Math.Abs(exponent);
            if (magnitude < 10)
            {
                destination[pos++] = (byte)'0';
            }

            magnitude.TryFormat(destination[pos..], out var exponentLength, default, CultureInfo.InvariantCulture);
            return pos + exponentLength;
        }

        if (pointAt <= 0)
        {
            destination[pos++] = (byte)'0';
            destination[pos++] = (byte)'.';
            destination.Slice(pos, -pointAt).Fill((byte)'0');
            pos += -pointAt;
            digits[..count].CopyTo(destination[pos..]);
            return pos + count;
        }

        if (pointAt >= count)
        {
            digits[..count].CopyTo(destination[pos..]);
            pos += count;
            destination.Slice(pos, pointAt - count).Fill((byte)'0');
            pos += pointAt - count;
            destination[pos++] = (byte)'.';
            destination[pos++] = (byte)'0';
            return pos;
        }

        digits[..pointAt].CopyTo(destination[pos..]);
        pos += pointAt;
        destination[pos++] = (byte)'.';
        digits[pointAt..count].CopyTo(destination[pos..]);
        return pos + count - pointAt;
    }

    /// <summary>
    /// Writes the float as Ratio1's v1 canon ends up with it. Its encoder writes <c>repr(x).rstrip('0').rstrip('.')</c>
    /// when the repr has a dot, and the canonical form is dumped, re-parsed and dumped again with that encoder: so a text
    /// without dot or exponent comes back as a Python int (<c>-0</c> as <c>0</c>), and any other is re-parsed as a float
    /// and written once more (which is how <c>2.5e+20</c>, stripped to <c>2.5e+2</c>, ends as <c>250</c>).
    /// </summary>
    public static int WriteLegacy(double value, Span<byte> destination)
    {
        Span<byte> first = stackalloc byte[MaxLength];
        var length = StripLegacy(first[..WriteRepr(value, first)]);
        var text = first[..length];
        if (text.IndexOfAny((byte)'.', (byte)'e') < 0)
        {
            if (text.SequenceEqual("-0"u8))
            {
                destination[0] = (byte)'0';
                return 1;
            }

            text.CopyTo(destination);
            return length;
        }

        var again = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return StripLegacy(destination[..WriteRepr(again, destination)]);
    }

    private static int StripLegacy(Span<byte> repr)
    {
        if (repr.IndexOf((byte)'.') < 0)
        {
            return repr.Length;
        }

        var length = repr.Length;
        while (length > 0 && repr[length - 1] == '0')
        {
            length--;
        }

        while (length > 0 && repr[length - 1] == '.')
        {
            length--;
        }

        return length;
    }
}
