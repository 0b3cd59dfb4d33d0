using System.Globalization;

namespace Ratio1.Orleans.Cli.Output;

/// <summary>Times as shown to people: UTC, the same on every machine.</summary>
internal static class Timestamps
{
    public static string Format(DateTimeOffset? time, string none = "-") =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : none;

    /// <summary>The UTC time of day to the millisecond, for live traffic where the date is today's.</summary>
    public static string TimeOfDay(DateTimeOffset time) => time.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
}
