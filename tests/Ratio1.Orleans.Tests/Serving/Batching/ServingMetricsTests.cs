using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Serving.Telemetry;

namespace Ratio1.Orleans.Tests.Serving.Batching;

/// <summary>The serving meter's instruments and each model's stats.</summary>
public sealed class ServingMetricsTests
{
    [Fact]
    public async Task A_meter_listener_sees_the_serving_instruments_with_model_and_outcome()
    {
        var seen = new ConcurrentDictionary<string, double>();
        var model = $"metered-{Guid.NewGuid():N}"[..16];
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ServingMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? modelTag = null, outcome = null;
            foreach (var tag in tags)
            {
                (modelTag, outcome) = tag.Key switch { "model" => ((string?)tag.Value, outcome), "outcome" => (modelTag, (string?)tag.Value), _ => (modelTag, outcome) };
            }

            if (modelTag == model)
            {
                seen.AddOrUpdate(outcome is null ? instrument.Name : $"{instrument.Name}/{outcome}", value, (_, sum) => sum + value);
            }
        }

        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<int>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        listener.Start();
        await using var test = TestServer.Start(TestServer.Linear16x8(), name: model);

        for (var i = 0; i < 5; i++)
        {
            await test.Server.InferAsync(TestServer.Item(TestModels.Values(16, i)), CancellationToken.None);
        }

        listener.RecordObservableInstruments();

        Assert.Equal(5, seen["r1.serving.requests/ok"]);
        Assert.Equal(5, seen["r1.serving.batch_size"]);
        Assert.True(seen["r1.serving.queue_time"] > 0);
        Assert.True(seen["r1.serving.inference_time"] > 0);
        Assert.True(seen.ContainsKey("r1.serving.queue_depth"));
    }

    [Fact]
    public async Task A_model_reports_its_counts_batches_latencies_and_rate()
    {
        await using var test = TestServer.Start(TestServer.Linear16x8(), new BatchingSettings(MaxBatchSize: 4, MaxQueueDelayMicroseconds: 0));

        for (var i = 0; i < 10; i++)
        {
            await test.Server.InferAsync(TestServer.Item(TestModels.Values(16, i)), CancellationToken.None);
        }

        var stats = test.Server.Stats();
        Assert.Equal((10L, 10L, 0L, 0L, 0L, 10L, 1.0, 0), (stats.Requests, stats.Completed, stats.Failed, stats.Overloaded, stats.Canceled, stats.Batches, stats.MeanBatchSize, stats.QueueDepth));
        Assert.True(stats.InferenceP50Microseconds > 0 && stats.InferenceP99Microseconds >= stats.InferenceP50Microseconds);
        Assert.True(stats.QueueP99Microseconds >= stats.QueueP50Microseconds);
        Assert.True(stats.ItemsPerSecond > 0);
    }

    [Fact]
    public void The_meter_comes_from_the_hosts_meter_factory_when_one_is_given()
    {
        using var factory = new RecordingMeterFactory();

        using var metrics = new ServingMetrics(factory);

        var meter = Assert.Single(factory.Created);
        Assert.Equal(ServingMetrics.MeterName, meter.Name);
    }

    [Fact]
    public void Percentiles_come_from_a_bounded_window_of_the_most_recent_samples()
    {
        var window = new SampleWindow(100);
        for (var i = 1; i <= 1_000; i++)
        {
            window.Add(i);
        }

        var percentiles = window.Percentiles(50, 99);

        Assert.Equal([950.0, 999.0], percentiles);
    }

    private sealed class RecordingMeterFactory : IMeterFactory
    {
        public List<Meter> Created { get; } = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options);
            Created.Add(meter);
            return meter;
        }

        public void Dispose()
        {
            foreach (var meter in Created)
            {
                meter.Dispose();
            }
        }
    }
}
