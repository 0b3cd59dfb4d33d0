using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Ratio1.Orleans.Serving.Telemetry;

/// <summary>
/// The serving engine's instruments on the meter <c>Ratio1.Orleans.Serving</c>, shared by every model of a node:
/// <list type="bullet">
/// <item><c>r1.serving.requests</c> — counter of items by <c>model</c> and <c>outcome</c> (<c>ok</c>, <c>overloaded</c>, <c>canceled</c>, <c>failed</c>);</item>
/// <item><c>r1.serving.queue_time</c> — histogram, µs an item waited before its batch ran;</item>
/// <item><c>r1.serving.inference_time</c> — histogram, µs a batch took in ONNX Runtime;</item>
/// <item><c>r1.serving.batch_size</c> — histogram, items per batch;</item>
/// <item><c>r1.serving.queue_depth</c> — observable gauge, items waiting per model.</item>
/// </list>
/// Each model also keeps a <see cref="Contracts.Serving.ModelStats"/> snapshot (see <see cref="Batching.ModelServer.Stats"/>).
/// </summary>
public sealed class ServingMetrics : IDisposable
{
    /// <summary>The meter's name, for <c>AddMeter</c> in OpenTelemetry or a <see cref="MeterListener"/>.</summary>
    public const string MeterName = "Ratio1.Orleans.Serving";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly ConcurrentDictionary<ModelMetrics, byte> _models = new();

    /// <param name="meterFactory">The host's factory (DI's meters are disposed with the host); without one the meter is this object's own.</param>
    public ServingMetrics(IMeterFactory? meterFactory = null)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(new MeterOptions(MeterName)) ?? new Meter(MeterName);
        Requests = _meter.CreateCounter<long>("r1.serving.requests", "{item}", "Items asked of a model, by outcome: ok, overloaded, canceled, failed.");
        QueueTime = _meter.CreateHistogram<double>("r1.serving.queue_time", "us", "Time an item waited in its model's queue before its batch ran.");
        InferenceTime = _meter.CreateHistogram<double>("r1.serving.inference_time", "us", "Time a batch took in ONNX Runtime.");
        BatchSize = _meter.CreateHistogram<int>("r1.serving.batch_size", "{item}", "Items per model run.");
        _meter.CreateObservableGauge("r1.serving.queue_depth", ObserveQueueDepths, "{item}", "Items waiting in a model's queue.");
    }

    internal Counter<long> Requests { get; }

    internal Histogram<double> QueueTime { get; }

    internal Histogram<double> InferenceTime { get; }

    internal Histogram<int> BatchSize { get; }

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    /// <summary>The recorder of one loaded model; its queue depth is observed until the recorder is disposed.</summary>
    internal ModelMetrics ForModel(string model, Func<int> queueDepth)
    {
        var metrics = new ModelMetrics(this, model, queueDepth);
        _models.TryAdd(metrics, 0);
        return metrics;
    }

    internal void Forget(ModelMetrics metrics) => _models.TryRemove(metrics, out _);

    private IEnumerable<Measurement<int>> ObserveQueueDepths()
    {
        foreach (var model in _models.Keys)
        {
            yield return new Measurement<int>(model.QueueDepth(), model.ModelTag);
        }
    }
}
