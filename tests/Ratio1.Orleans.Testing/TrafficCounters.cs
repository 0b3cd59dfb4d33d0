using System.Globalization;
using System.Text.RegularExpressions;

namespace Ratio1.Orleans.Testing;

/// <summary>A silo's traffic counters as its <c>/metrics</c> shows them (meter <c>Ratio1.Orleans</c>).</summary>
/// <param name="Dropped">Messages not delivered, by reason (<c>too_big</c>, <c>backlog_full</c>, <c>no_subscriber</c>, <c>expired</c>).</param>
public sealed partial record TrafficCounters(long Published, IReadOnlyDictionary<string, long> Dropped)
{
    /// <summary>Messages not delivered for <paramref name="reason"/>.</summary>
    public long DroppedFor(string reason) => Dropped.GetValueOrDefault(reason);

    /// <summary>Reads the counters of <paramref name="silo"/>.</summary>
    public static async Task<TrafficCounters> ReadAsync(SiloProcess silo, CancellationToken cancellationToken = default) =>
        Parse(await silo.GetAsync("/metrics", cancellationToken));

    /// <summary>Reads the counters from a Prometheus text exposition.</summary>
    public static TrafficCounters Parse(string metrics)
    {
        var published = PublishedLine().Matches(metrics).Sum(m => long.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));
        var dropped = DroppedLine().Matches(metrics)
            .GroupBy(m => m.Groups["reason"].Value)
            .ToDictionary(g => g.Key, g => g.Sum(m => long.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture)));
        return new TrafficCounters(published, dropped);
    }

    [GeneratedRegex(@"^ratio1_traffic_messages_published_total\{[^}]*\} (?<value>\d+)", RegexOptions.Multiline)]
    private static partial Regex PublishedLine();

    [GeneratedRegex(@"^ratio1_traffic_messages_dropped_total\{[^}]*ratio1_drop_reason=""(?<reason>[a-z_]+)""[^}]*\} (?<value>\d+)", RegexOptions.Multiline)]
    private static partial Regex DroppedLine();
}
