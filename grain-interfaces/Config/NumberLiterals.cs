using System.Text;

namespace Ratio1.Orleans.Contracts.Config;

/// <summary>
/// Exact comparison of JSON number literals: each is reduced to sign, significant digits and exponent, so
/// <c>1</c>, <c>1.0</c> and <c>10e-1</c> are equal and no precision is lost to a double.
/// </summary>
internal static class NumberLiterals
{
    /// <summary>The canonical form <c>[-]digits e exponent</c> of a valid JSON number literal.</summary>
    public static string Canonical(string literal)
    {
        var negative = literal.StartsWith('-');
        var body = negative ? literal.AsSpan(1) : literal.AsSpan();
        var exponentAt = body.IndexOfAny('e', 'E');
        var exponent = 0;
        if (exponentAt >= 0)
        {
            exponent = int.Parse(body[(exponentAt + 1)..], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture);
            body = body[..exponentAt];
        }

        var digits = new StringBuilder(body.Length);
        var point = body.IndexOf('.');
        if (point >= 0)
        {
            digits.Append(body[..point]).Append(body[(point + 1)..]);
            exponent -= body.Length - point - 1;
        }
        else
        {
            digits.Append(body);
        }

        var text = digits.ToString().TrimStart('0');
        if (text.Length == 0)
        {
            return "0";
        }

        var trimmed = text.TrimEnd('0');
        exponent += text.Length - trimmed.Length;
        return $"{(negative ? "-" : string.Empty)}{trimmed}e{exponent}";
    }
}
