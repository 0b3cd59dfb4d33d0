using System.Text.RegularExpressions;

namespace Ratio1.Orleans.Storage.Hosting;

/// <summary>
/// Hides passwords in text that may quote a connection string (an error, a startup failure, a health answer):
/// <c>Password=...</c> and <c>Pwd=...</c> values, quoted or not, become <c>***</c>.
/// </summary>
public static partial class SecretMask
{
    public const string Masked = "***";

    /// <summary><paramref name="text"/> with every connection-string password masked.</summary>
    public static string Apply(string text) => Password().Replace(text, m => m.Groups["key"].Value + "=" + Masked);

    [GeneratedRegex("""(?<key>\b(?:password|pwd))\s*=\s*(?:"[^"]*"|'[^']*'|[^;\s]*)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Password();
}
