using System.Globalization;

namespace Ratio1.Orleans.Cli.Output;

/// <summary>Times as shown to people: UTC, to the second, the same on every machine.</summary>
internal static class Timestamps
{
    public static string Format(DateTimeOffset? time, string none = "-") =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : none;
}
