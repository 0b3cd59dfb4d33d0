using System.Collections.Immutable;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Ratio1.Orleans.Contracts.Serving;

namespace Ratio1.Orleans.Serving.Batching;

/// <summary>
/// Runs batches of one model on one batcher thread. Items are concatenated along the batch axis into pinned buffers
/// allocated once, with the <see cref="OrtValue"/>s over them kept per batch size, so a batch of a fixed-shape model
/// costs a copy in, the run and a copy out per item — no native allocation, no per-run pinning. A lone large item is
/// not copied: ONNX Runtime reads the caller's array in place.
/// </summary>
internal sealed class BatchRunner : IDisposable
{
    // Below this many elements, copying into the pooled buffer is cheaper than wrapping the caller's array.
    private const long InPlaceElements = 16 * 1024;

    private readonly InferenceSession _session;
    private readonly ModelSignature _signature;
    private readonly int _maxRows;
    private readonly RunOptions _runOptions = new();
    private readonly float[][] _inputBuffers;
    private readonly float[][]? _outputBuffers;
    private readonly ImmutableArray<long>[] _outputItemShapes;
    private readonly OrtValue[]?[] _inputsByRows;
    private readonly OrtValue[]?[] _outputsByRows;
    private bool _disposed;

    public BatchRunner(InferenceSession session, ModelSignature signature, int maxItems)
    {
        _session = session;
        _signature = signature;
        _maxRows = signature.FixedBatch ?? maxItems;
        _inputBuffers = [.. signature.InputLayouts.Select(l => l.HasFreeItemDims ? [] : Pinned(_maxRows * l.ItemElements))];
        var fixedOutputs = signature.OutputLayouts.All(l => !l.HasFreeItemDims);
        _outputBuffers = fixedOutputs ? [.. signature.OutputLayouts.Select(l => Pinned(_maxRows * l.ItemElements))] : null;
        _outputItemShapes = [.. signature.OutputLayouts.Select(l => fixedOutputs ? ImmutableArray.Create<long>([1, .. l.ItemDims]) : default)];
        _inputsByRows = new OrtValue[]?[_maxRows + 1];
        _outputsByRows = new OrtValue[]?[_maxRows + 1];
    }

    /// <summary>
    /// Runs <paramref name="items"/> (agreeing on their item dimensions) as one model run and sets the outputs of the
    /// items still waiting. Returns the run's time in ONNX Runtime, in microseconds.
    /// </summary>
    public double Run(ReadOnlySpan<PendingInference> items)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var rows = _signature.FixedBatch ?? items.Length;
        var inPlace = items.Length == 1 && rows == 1 && Elements(items[0].Inputs) >= InPlaceElements;
        var pooledInputs = !_signature.HasFreeItemDims && !inPlace;
        var transient = pooledInputs ? null : new List<OrtValue>(_signature.InputLayouts.Length);
        try
        {
            var inputs = pooledInputs ? PooledInputs(items, rows) : TransientInputs(items, rows, inPlace, transient!);
            var started = Stopwatch.GetTimestamp();
            if (_outputBuffers is not null)
            {
                var outputs = _outputsByRows[rows] ??= Values(_outputBuffers, _signature.OutputLayouts, rows);
                _session.Run(_runOptions, _signature.InputNames, inputs, _signature.OutputNames, outputs);
                var elapsed = Stopwatch.GetElapsedTime(started);
                for (var k = 0; k < outputs.Length; k++)
                {
                    Slice(items, k, _outputBuffers[k].AsSpan(0, (int)(rows * _signature.OutputLayouts[k].ItemElements)), rows, _outputItemShapes[k]);
                }

                return elapsed.TotalMicroseconds;
            }

            using var results = _session.Run(_runOptions, _signature.InputNames, inputs, _signature.OutputNames);
            var took = Stopwatch.GetElapsedTime(started);
            var k2 = 0;
            foreach (var result in results)
            {
                var shape = result.GetTensorTypeAndShape().Shape;
                if (shape.Length == 0 || shape[0] != rows)
                {
                    throw new InvalidOperationException($"output '{_signature.OutputNames[k2]}' has shape [{string.Join(",", shape)}]; expected {rows} rows, one per item of the batch");
                }

                Slice(items, k2, result.GetTensorDataAsSpan<float>(), rows, [1, .. shape.AsSpan(1)]);
                k2++;
            }

            return took.TotalMicroseconds;
        }
        finally
        {
            if (transient is not null)
            {
                foreach (var value in transient)
                {
                    value.Dispose();
                }
            }
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var values in _inputsByRows.Concat(_outputsByRows))
        {
            foreach (var value in values ?? [])
            {
                value.Dispose();
            }
        }

        _runOptions.Dispose();
    }

    private static long Elements(IReadOnlyList<TensorData> tensors)
    {
        var elements = 0L;
        for (var i = 0; i < tensors.Count; i++)
        {
            elements += tensors[i].Values.Length;
        }

        return elements;
    }

    private static float[] Pinned(long elements) =>
        // The pinned object heap: ONNX Runtime may hold these addresses for as long as the cached OrtValues live.
        GC.AllocateUninitializedArray<float>(checked((int)elements), pinned: true);

    private static OrtValue[] Values(float[][] buffers, TensorLayout[] layouts, int rows)
    {
        var values = new OrtValue[layouts.Length];
        for (var i = 0; i < layouts.Length; i++)
        {
            values[i] = OrtValue.CreateTensorValueFromMemory(
                OrtMemoryInfo.DefaultInstance, buffers[i].AsMemory(0, (int)(rows * layouts[i].ItemElements)), [rows, .. layouts[i].ItemDims]);
        }

        return values;
    }

    private OrtValue[] PooledInputs(ReadOnlySpan<PendingInference> items, int rows)
    {
        for (var j = 0; j < _inputBuffers.Length; j++)
        {
            var elements = (int)_signature.InputLayouts[j].ItemElements;
            var buffer = _inputBuffers[j].AsSpan();
            for (var i = 0; i < items.Length; i++)
            {
                items[i].Inputs[j].Values.AsSpan().CopyTo(buffer[(i * elements)..]);
            }

            // Padding rows of a fixed batch axis: zeros, whose outputs nobody reads.
            buffer[(items.Length * elements)..(rows * elements)].Clear();
        }

        return _inputsByRows[rows] ??= Values(_inputBuffers, _signature.InputLayouts, rows);
    }

    private OrtValue[] TransientInputs(ReadOnlySpan<PendingInference> items, int rows, bool inPlace, List<OrtValue> created)
    {
        var values = new OrtValue[_inputBuffers.Length];
        for (var j = 0; j < values.Length; j++)
        {
            var itemDims = items[0].ItemDims[j];
            long[] shape = [rows, .. itemDims];
            if (inPlace)
            {
                values[j] = OrtValue.CreateTensorValueFromMemory(items[0].Inputs[j].Values, shape);
            }
            else
            {
                var elements = (int)itemDims.Aggregate(1L, (n, d) => n * d);
                if (_inputBuffers[j].Length < rows * elements)
                {
                    _inputBuffers[j] = Pinned((long)_maxRows * elements);
                }

                var buffer = _inputBuffers[j].AsSpan();
                for (var i = 0; i < items.Length; i++)
                {
                    items[i].Inputs[j].Values.AsSpan().CopyTo(buffer[(i * elements)..]);
                }

                buffer[(items.Length * elements)..(rows * elements)].Clear();
                values[j] = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _inputBuffers[j].AsMemory(0, rows * elements), shape);
            }

            created.Add(values[j]);
        }

        return values;
    }

    /// <summary>Copies output <paramref name="k"/>'s row of each waiting item into that item's outputs.</summary>
    private void Slice(ReadOnlySpan<PendingInference> items, int k, ReadOnlySpan<float> data, int rows, ImmutableArray<long> itemShape)
    {
        var perItem = data.Length / rows;
        var outputCount = _signature.OutputNames.Length;
        for (var i = 0; i < items.Length; i++)
        {
            var item = items[i];
            if (!item.IsWaiting)
            {
                // Cancelled while running: its result is discarded, so it is not copied either.
                continue;
            }

            if (k == 0)
            {
                item.Outputs = ImmutableCollectionsMarshal.AsImmutableArray(new TensorData[outputCount]);
            }

            // The array behind Outputs is this item's own until it is delivered.
            ImmutableCollectionsMarshal.AsArray(item.Outputs)![k] = new TensorData(_signature.OutputNames[k], itemShape, data.Slice(i * perItem, perItem).ToArray());
        }
    }
}
