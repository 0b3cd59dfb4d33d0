using Ratio1.Orleans.Contracts.Serving;

namespace Ratio1.Orleans.Serving.Telemetry;

/// <summary>
/// What one loaded model has served: feeds the shared instruments and keeps the counts and recent windows that make
/// its <see cref="ModelStats"/>. Thread-safe; the batcher reports once per batch where it can.
/// </summary>
internal sealed class ModelMetrics : IDisposable
{
    /// <summary>Recent samples kept for percentiles.</summary>
    internal const int WindowSamples = 1024;

    /// <summary>Seconds over which items per second are averaged.</summary>
    internal const int RateSeconds = 10;

    private static readonly KeyValuePair<string, object?> Ok = new("outcome", "ok");
    private static readonly KeyValuePair<string, object?> Overloaded = new("outcome", "overloaded");
    private static readonly KeyValuePair<string, object?> Canceled = new("outcome", "canceled");
    private static readonly KeyValuePair<string, object?> Failed = new("outcome", "failed");

    private readonly ServingMetrics _owner;
    private readonly Func<int> _queueDepth;
    private readonly SampleWindow _queueTimes = new(WindowSamples);
    private readonly SampleWindow _inferenceTimes = new(WindowSamples);
    private readonly RateWindow _rate = new(RateSeconds);
    private long _requests;
    private long _completed;
    private long _failed;
    private long _overloaded;
    private long _canceled;
    private long _batches;
    private long _itemsRun;

    public ModelMetrics(ServingMetrics owner, string model, Func<int> queueDepth)
    {
        _owner = owner;
        _queueDepth = queueDepth;
        ModelTag = new KeyValuePair<string, object?>("model", model);
    }

    public KeyValuePair<string, object?> ModelTag { get; }

    public int QueueDepth() => _queueDepth();

    /// <summary>An item was accepted into the queue.</summary>
    public void Accepted() => Interlocked.Increment(ref _requests);

    /// <summary>An item was refused because the queue was full.</summary>
    public void Refused()
    {
        Interlocked.Increment(ref _requests);
        Interlocked.Increment(ref _overloaded);
        _owner.Requests.Add(1, ModelTag, Overloaded);
    }

    /// <summary>A caller gave up on an item (queued or running); counted once, by whoever completed it.</summary>
    public void CanceledOne()
    {
        Interlocked.Increment(ref _canceled);
        _owner.Requests.Add(1, ModelTag, Canceled);
    }

    /// <summary>An item was cancelled before it was accepted.</summary>
    public void CanceledBeforeQueueing()
    {
        Interlocked.Increment(ref _requests);
        CanceledOne();
    }

    /// <summary>A batch ran: its size, its time in ONNX Runtime and the time each of its items waited.</summary>
    public void BatchRan(int items, double inferenceMicroseconds, ReadOnlySpan<double> queueMicroseconds)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _itemsRun, items);
        _inferenceTimes.Add(inferenceMicroseconds);
        _queueTimes.AddRange(queueMicroseconds);
        _owner.BatchSize.Record(items, ModelTag);
        _owner.InferenceTime.Record(inferenceMicroseconds, ModelTag);
        if (_owner.QueueTime.Enabled)
        {
            foreach (var wait in queueMicroseconds)
            {
                _owner.QueueTime.Record(wait, ModelTag);
            }
        }
    }

    /// <summary>Items of a batch whose callers received their results.</summary>
    public void Completed(int items)
    {
        if (items == 0)
        {
            return;
        }

        Interlocked.Add(ref _completed, items);
        _rate.Add(items);
        _owner.Requests.Add(items, ModelTag, Ok);
    }

    /// <summary>Items of a batch that failed in ONNX Runtime.</summary>
    public void FailedItems(int items)
    {
        if (items == 0)
        {
            return;
        }

        Interlocked.Add(ref _failed, items);
        _owner.Requests.Add(items, ModelTag, Failed);
    }

    public ModelStats Snapshot()
    {
        var batches = Interlocked.Read(ref _batches);
        var queue = _queueTimes.Percentiles(50, 99);
        var inference = _inferenceTimes.Percentiles(50, 99);
        return new ModelStats(
            Interlocked.Read(ref _requests),
            Interlocked.Read(ref _completed),
            Interlocked.Read(ref _failed),
            Interlocked.Read(ref _overloaded),
            Interlocked.Read(ref _canceled),
            batches,
            batches == 0 ? 0 : (double)Interlocked.Read(ref _itemsRun) / batches,
            queue[0],
            queue[1],
            inference[0],
            inference[1],
            _rate.PerSecond(),
            QueueDepth());
    }

    public void Dispose() => _owner.Forget(this);
}
