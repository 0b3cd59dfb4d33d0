using System.Globalization;
using System.Text.RegularExpressions;
using Ratio1.Orleans.Testing;

namespace Ratio1.Orleans.Tests.Telemetry;

/// <summary>One scrape of a silo's <c>/metrics</c> (Prometheus text), summed by metric name and labels.</summary>
public sealed partial class ScrapedMetrics
{
    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _samples;

    private ScrapedMetrics(List<(string, Dictionary<string, string>, double)> samples) => _samples = samples;

    public static async Task<ScrapedMetrics> ReadAsync(SiloProcess silo)
    {
        var text = await silo.GetAsync("/metrics");
        var samples = new List<(string, Dictionary<string, string>, double)>();
        foreach (Match line in SampleLine().Matches(text))
        {
            var labels = LabelPair().Matches(line.Groups["labels"].Value).ToDictionary(m => m.Groups["key"].Value, m => m.Groups["value"].Value);
            samples.Add((line.Groups["name"].Value, labels, double.Parse(line.Groups["value"].Value, CultureInfo.InvariantCulture)));
        }

        return new ScrapedMetrics(samples);
    }

    /// <summary>The sum of every sample of <paramref name="name"/> whose labels include all of <paramref name="labels"/>.</summary>
    public double Sum(string name, params (string Key, string Value)[] labels) =>
        _samples.Where(s => s.Name == name && labels.All(l => s.Labels.GetValueOrDefault(l.Key) == l.Value)).Sum(s => s.Value);

    /// <summary>Scrapes until <paramref name="condition"/> holds (the exporter caches a scrape briefly); fails the test on timeout.</summary>
    public static async Task<ScrapedMetrics> WaitUntilAsync(SiloProcess silo, Func<ScrapedMetrics, bool> condition, string what)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var metrics = await ReadAsync(silo);
            if (condition(metrics))
            {
                return metrics;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for {what} on /metrics.");
            }

            await Task.Delay(100);
        }
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>[-+0-9.eE]+|NaN)", RegexOptions.Multiline)]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<key>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelPair();
}
