using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Ratio1.Orleans.Testing;

namespace Ratio1.Orleans.Tests.Telemetry;

/// <summary>
/// Every measurement one in-process silo records on the meter <c>Ratio1.Orleans</c> from now on, read with a
/// <see cref="MeterListener"/> limited to that silo's meters (other silos of the test process have their own).
/// </summary>
public sealed class MeasuredMetrics : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Name, Dictionary<string, string?> Tags, double Value)> _measurements = new();

    public MeasuredMetrics(TestSilo silo)
    {
        var factory = silo.Services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Ratio1.Orleans" && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>The sum of the measurements of <paramref name="name"/> whose attributes include all of <paramref name="tags"/>.</summary>
    public double Sum(string name, params (string Key, string Value)[] tags) => Matching(name, tags).Sum(m => m.Value);

    /// <summary>How many measurements of <paramref name="name"/> have attributes including all of <paramref name="tags"/>.</summary>
    public int Count(string name, params (string Key, string Value)[] tags) => Matching(name, tags).Count();

    /// <summary>Waits until <paramref name="condition"/> holds; fails the test on timeout.</summary>
    public async Task WaitUntilAsync(Func<MeasuredMetrics, bool> condition, string what)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition(this))
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for {what}.");
            }

            await Task.Delay(50);
        }
    }

    public void Dispose() => _listener.Dispose();

    private IEnumerable<(string Name, Dictionary<string, string?> Tags, double Value)> Matching(string name, (string Key, string Value)[] tags) =>
        _measurements.Where(m => m.Name == name && tags.All(t => m.Tags.GetValueOrDefault(t.Key) == t.Value));

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value?.ToString();
        }

        _measurements.Enqueue((instrument.Name, copy, value));
    }
}
