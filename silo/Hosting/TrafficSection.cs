using System.Globalization;
using Ratio1.Orleans.Contracts.Streams;
using Ratio1.Orleans.Edge.Traffic;

namespace Ratio1.Orleans.Silo.Hosting;

/// <summary>
/// Reads the <c>Traffic</c> section into <see cref="TrafficOptions"/>, accepting the provider names people type
/// (memory, adonet, ado.net); a value that does not parse is refused naming its switch, rather than with the
/// configuration binder's type-conversion message.
/// </summary>
public static class TrafficSection
{
    public static TrafficOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(TrafficOptions.SectionName);
        var options = new TrafficOptions
        {
            Provider = section["Provider"]?.Trim().ToLowerInvariant() switch
            {
                null or "" or "memory" => TrafficProvider.Memory,
                "adonet" or "ado.net" => TrafficProvider.AdoNet,
                var other => throw new ArgumentException($"Unknown traffic provider '{other}' (--traffic / Traffic:Provider); use memory or adonet."),
            },
        };

        if (section["Queues"] is { Length: > 0 } queues)
        {
            options.Queues = Integer(queues, "--traffic-queues (Traffic:Queues)");
        }

        if (section["PullingPeriodMs"] is { Length: > 0 } period)
        {
            options.PullingPeriodMs = Integer(period, "--traffic-pulling-ms (Traffic:PullingPeriodMs)");
        }

        if (section["MaxMessageBytes"] is { Length: > 0 } maxMessage)
        {
            options.MaxMessageBytes = Integer(maxMessage, "--traffic-max-message-bytes (Traffic:MaxMessageBytes)");
        }

        options.IdlePollingPeriodMs = Integer(section, "IdlePollingPeriodMs", options.IdlePollingPeriodMs);
        options.BacklogMiB = Integer(section, "BacklogMiB", options.BacklogMiB);
        options.BacklogSeconds = Integer(section, "BacklogSeconds", options.BacklogSeconds);
        options.QueueMiB = Integer(section, "QueueMiB", options.QueueMiB);
        options.CacheMiB = Integer(section, "CacheMiB", options.CacheMiB);
        options.CacheSeconds = Integer(section, "CacheSeconds", options.CacheSeconds);
        options.LossLogSeconds = Integer(section, "LossLogSeconds", options.LossLogSeconds);
        options.AdoNetResumeDelayMs = Integer(section, "AdoNetResumeDelayMs", options.AdoNetResumeDelayMs);
        return options;
    }

    private static int Integer(IConfigurationSection section, string key, int fallback) =>
        section[key] is { Length: > 0 } text ? Integer(text, $"Traffic:{key}") : fallback;

    private static int Integer(string text, string setting) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"{setting} must be a whole number, not '{text}'.");
}
