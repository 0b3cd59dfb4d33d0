using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Serving.Providers;
using Ratio1.Orleans.Serving.Telemetry;

namespace Ratio1.Orleans.Serving.Batching;

/// <summary>
/// The dynamic batcher of one model. Callers queue single items (refused at once when <c>MaxQueueSize</c> wait); each of
/// <c>Concurrency</c> threads of its own — not the thread pool, which Orleans' schedulers share — forms a batch from
/// what waits (up to the max batch, waiting at most the queue delay after the batch's first item), takes a slot of the
/// model's device, runs the batch, and hands each caller its slice. One thread forms a batch at a time, so batches
/// are as full as the delay allows while the others run theirs.
/// </summary>
internal sealed class DynamicBatcher
{
    private readonly string _model;
    private readonly ModelSignature _signature;
    private readonly RequestQueue _queue;
    private readonly int _maxBatch;
    private readonly long _delayTicks;
    private readonly DeviceSlots _devices;
    private readonly string _deviceKey;
    private readonly ModelMetrics _metrics;
    private readonly ILogger _logger;
    private readonly BatchRunner[] _runners;
    private readonly SemaphoreSlim _forming = new(1, 1);
    private readonly TaskCompletionSource[] _exited;
    private bool _started;

    public DynamicBatcher(
        string model, ModelSignature signature, InferenceSession session, int maxBatch, BatchingSettings settings,
        DeviceSlots devices, string deviceKey, ModelMetrics metrics, ILogger logger)
    {
        _model = model;
        _signature = signature;
        _maxBatch = maxBatch;
        _delayTicks = settings.MaxQueueDelayMicroseconds * Stopwatch.Frequency / 1_000_000;
        _queue = new RequestQueue(settings.MaxQueueSize);
        _devices = devices;
        _deviceKey = deviceKey;
        _metrics = metrics;
        _logger = logger;
        _runners = [.. Enumerable.Range(0, settings.Concurrency).Select(_ => new BatchRunner(session, signature, maxBatch))];
        _exited = [.. _runners.Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously))];
    }

    public int QueueDepth => _queue.Count;

    /// <summary>Runs zeros at batch 1 and at the max batch, <paramref name="runs"/> times each, before serving.</summary>
    public void WarmUp(int runs, long[][] itemDims, CancellationToken cancellationToken)
    {
        var zeros = _signature.InputLayouts.Select((l, j) => new TensorData(l.Name, [1, .. itemDims[j]], new float[itemDims[j].Aggregate(1L, (n, d) => n * d)])).ToArray();
        var items = Enumerable.Range(0, _maxBatch).Select(_ => new PendingInference(this, zeros, itemDims)).ToArray();
        for (var run = 0; run < runs; run++)
        {
            foreach (var size in _maxBatch > 1 ? [1, _maxBatch] : new[] { 1 })
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var lease = _devices.Acquire(_deviceKey, cancellationToken);
                _runners[0].Run(items.AsSpan(0, size));
            }
        }
    }

    public void Start()
    {
        _started = true;
        for (var i = 0; i < _runners.Length; i++)
        {
            var index = i;
            new Thread(() => Work(index)) { IsBackground = true, Name = $"r1-batch {_model}#{i}" }.Start();
        }
    }

    /// <summary>Queues one checked item; the task completes with its result, or as cancelled, overloaded or failed.</summary>
    public Task<BatchResult> Enqueue(IReadOnlyList<TensorData> inputs, long[][] itemDims, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            _metrics.CanceledBeforeQueueing();
            return Task.FromCanceled<BatchResult>(cancellationToken);
        }

        var item = new PendingInference(this, inputs, itemDims) { Trace = InferenceSpans.Caller() };
        switch (_queue.TryEnqueue(item))
        {
            case RequestQueue.Outcome.Full:
                _metrics.Refused();
                return Task.FromException<BatchResult>(new ModelOverloadedException(_model, _queue.Capacity));
            case RequestQueue.Outcome.Closed:
                return Task.FromException<BatchResult>(ModelServer.Unloaded(_model));
        }

        _metrics.Accepted();
        if (cancellationToken.CanBeCanceled)
        {
            // Unsafe: the callback needs no execution context, and flowing one costs on every request.
            item.Attach(cancellationToken.UnsafeRegister(static (state, token) => Cancel((PendingInference)state!, token), item));
        }

        return item.Task;
    }

    /// <summary>Refuses new items, serves those already queued, and returns once every batcher thread has ended.</summary>
    public async Task StopAsync()
    {
        _queue.Close();
        if (_started)
        {
            await Task.WhenAll(_exited.Select(e => e.Task)).ConfigureAwait(false);
        }

        foreach (var runner in _runners)
        {
            runner.Dispose();
        }
    }

    private static void Cancel(PendingInference item, CancellationToken token)
    {
        // Still queued: out of the queue, so it joins no batch. Already taken: its result will be discarded.
        item.Owner._queue.TryRemove(item);
        if (item.TryClaim())
        {
            item.Owner._metrics.CanceledOne();
            item.TrySetCanceled(token);
        }

        item.Settle();
    }

    private void Work(int index)
    {
        var runner = _runners[index];
        var batch = new PendingInference[_maxBatch];
        try
        {
            while (true)
            {
                var taken = 0;
                DeviceSlots.Lease lease = default;
                try
                {
                    _forming.Wait();
                    try
                    {
                        if (!_queue.WaitForBatch(_maxBatch, _delayTicks))
                        {
                            return;
                        }

                        // The slot first, then the take: items that arrive while the device is busy join this batch.
                        lease = _devices.Acquire(_deviceKey);
                        taken = _queue.Take(batch, _maxBatch, _signature.HasFreeItemDims);
                    }
                    finally
                    {
                        _forming.Release();
                    }

                    if (taken > 0)
                    {
                        RunBatch(runner, batch, taken);
                    }
                }
                catch (Exception e)
                {
                    // Never let a batcher thread die: an unhandled exception on it would end the silo.
                    ServingLog.BatcherFault(_logger, e, _model);
                    Fail(batch.AsSpan(0, taken), e);
                }
                finally
                {
                    lease.Dispose();
                    Array.Clear(batch, 0, taken);
                }
            }
        }
        finally
        {
            _exited[index].TrySetResult();
        }
    }

    private void RunBatch(BatchRunner runner, PendingInference[] batch, int taken)
    {
        var takenAt = Stopwatch.GetTimestamp();

        // Items cancelled between the take and now are dropped from the batch.
        var count = 0;
        for (var i = 0; i < taken; i++)
        {
            if (batch[i].IsWaiting)
            {
                batch[count++] = batch[i];
            }
        }

        var items = batch.AsSpan(0, count);
        if (count == 0)
        {
            return;
        }

        // The batch's span ends with this method, once each caller has its result.
        using var span = InferenceSpans.Listening ? InferenceSpans.StartBatch(_model, items, takenAt) : null;
        double inferenceMicroseconds;
        try
        {
            using (InferenceSpans.StartRun(_model))
            {
                inferenceMicroseconds = runner.Run(items);
            }

            _queue.ObserveRun((long)(inferenceMicroseconds * Stopwatch.Frequency / 1_000_000));
        }
        catch (Exception e)
        {
            InferenceSpans.Failed(span, e);
            ServingLog.BatchFailed(_logger, e, _model, count);
            Fail(items, e);
            return;
        }

        var queueMicroseconds = count <= 256 ? stackalloc double[count] : new double[count];
        for (var i = 0; i < count; i++)
        {
            queueMicroseconds[i] = Stopwatch.GetElapsedTime(items[i].EnqueuedAt, takenAt).TotalMicroseconds;
        }

        _metrics.BatchRan(count, inferenceMicroseconds, queueMicroseconds);
        var delivered = 0;
        for (var i = 0; i < count; i++)
        {
            if (items[i].TryClaim())
            {
                items[delivered] = items[i];
                queueMicroseconds[delivered++] = queueMicroseconds[i];
            }
            else
            {
                items[i].Settle();
            }
        }

        _metrics.Completed(delivered);
        if (delivered == 1)
        {
            items[0].TrySetResult(new BatchResult(items[0].Outputs, count, queueMicroseconds[0], inferenceMicroseconds));
            items[0].Settle();
            return;
        }

        var results = new BatchResult[delivered];
        for (var i = 0; i < delivered; i++)
        {
            results[i] = new BatchResult(items[i].Outputs, count, queueMicroseconds[i], inferenceMicroseconds);
        }

        ThreadPool.UnsafeQueueUserWorkItem(new BatchDelivery(items[..delivered].ToArray(), results), preferLocal: false);
    }

    private void Fail(ReadOnlySpan<PendingInference> items, Exception error)
    {
        var reason = error is OnnxRuntimeException or InvalidOperationException ? error.Message : $"{error.GetType().Name}: {error.Message}";
        var claimed = new List<PendingInference>(items.Length);
        foreach (var item in items)
        {
            if (item is not null && item.TryClaim())
            {
                claimed.Add(item);
            }
        }

        _metrics.FailedItems(claimed.Count);
        foreach (var item in claimed)
        {
            item.TrySetException(new InferenceFailedException(_model, reason));
            item.Settle();
        }
    }
}
