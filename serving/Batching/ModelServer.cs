using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Serving.Engine;
using Ratio1.Orleans.Serving.Providers;
using Ratio1.Orleans.Serving.Telemetry;

namespace Ratio1.Orleans.Serving.Batching;

/// <summary>
/// One loaded model: its ONNX Runtime session on the chosen execution provider, warmed up, behind a dynamic batcher.
/// Callers send single items (<see cref="InferAsync"/>); the batcher runs them in batches on threads of its own and
/// hands each caller its slice. Load with <see cref="Load"/>; unload with <see cref="DisposeAsync"/>, which refuses
/// new items, serves those already accepted, then frees the session.
/// </summary>
public sealed class ModelServer : IAsyncDisposable
{
    private readonly InferenceSession _session;
    private readonly ModelSignature _signature;
    private readonly DynamicBatcher _batcher;
    private readonly ModelMetrics _metrics;
    private readonly ILogger _logger;
    private Task? _unloading;

    private ModelServer(
        ModelDeclaration declaration, InferenceSession session, ProviderChoice provider, ModelSignature signature,
        int maxBatchSize, DeviceSlots devices, ServingMetrics metrics, ILogger logger)
    {
        Declaration = declaration;
        Provider = provider;
        MaxBatchSize = maxBatchSize;
        _session = session;
        _signature = signature;
        _logger = logger;
        _metrics = metrics.ForModel(declaration.Name, () => _batcher?.QueueDepth ?? 0);
        _batcher = new DynamicBatcher(declaration.Name, signature, session, maxBatchSize, declaration.EffectiveBatching, devices, provider.DeviceKey, _metrics, logger);
    }

    public ModelDeclaration Declaration { get; }

    /// <summary>The model's inputs as it declares them: element type names like <c>float32</c>, -1 for free dimensions.</summary>
    public ImmutableArray<TensorInfo> Inputs => _signature.Inputs;

    public ImmutableArray<TensorInfo> Outputs => _signature.Outputs;

    /// <summary>The declared max batch, capped to the model's batch axis when the model fixes it.</summary>
    public int MaxBatchSize { get; }

    public ProviderChoice Provider { get; }

    public DateTimeOffset LoadedAt { get; private set; }

    /// <summary>
    /// Opens, checks and warms up the declared model, then starts its batcher. Blocking (ONNX Runtime loads
    /// synchronously): call it on the thread pool. Every problem with the declaration or the file is an
    /// <see cref="InvalidConfigException"/> naming the field (<c>Path</c> for the file, <c>Batching.*</c>, …).
    /// </summary>
    public static ModelServer Load(ModelDeclaration declaration, DeviceSlots devices, ServingMetrics metrics, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(logger);
        ModelDeclarationRules.Validate(declaration);
        if (!File.Exists(declaration.Path))
        {
            throw new InvalidConfigException("Path", declaration.Path, "no such file");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var started = Stopwatch.GetTimestamp();
        InferenceSession session;
        ProviderChoice provider;
        try
        {
            (session, provider) = SessionFactory.Open(declaration.Path, declaration.Provider, declaration.DeviceId, declaration.EffectiveThreads);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidConfigException("Path", declaration.Path, $"not a valid ONNX model: {e.Message}");
        }

        ModelServer? server = null;
        try
        {
            var signature = ModelSignature.Of(session, declaration.Path);
            var declared = declaration.EffectiveBatching.MaxBatchSize;
            var maxBatchSize = signature.FixedBatch is { } fixedBatch ? Math.Min(declared, fixedBatch) : declared;
            server = new ModelServer(declaration, session, provider, signature, maxBatchSize, devices, metrics, logger);
            if (declaration.WarmupRuns > 0)
            {
                var itemDims = signature.WarmupItemDims(declaration);
                try
                {
                    server._batcher.WarmUp(declaration.WarmupRuns, itemDims, cancellationToken);
                }
                catch (Exception e) when (e is OnnxRuntimeException or InvalidOperationException)
                {
                    throw new InvalidConfigException("Path", declaration.Path, $"warm-up on zeros failed: {e.Message}");
                }
            }

            server._batcher.Start();
            server.LoadedAt = DateTimeOffset.UtcNow;
            if (provider.FallbackReason is { } reason)
            {
                ServingLog.ProviderFallback(logger, declaration.Name, provider.Requested, provider.Used, reason);
            }

            ServingLog.ModelLoaded(logger, declaration.Name, declaration.Version, provider.Used, provider.DeviceId, Stopwatch.GetElapsedTime(started).TotalMilliseconds, maxBatchSize);
            return server;
        }
        catch
        {
            if (server is not null)
            {
                server._batcher.StopAsync().GetAwaiter().GetResult();
                server._metrics.Dispose();
            }

            session.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Infers on ONE item: a tensor per model input, in the model's input order, each shaped like the input with the
    /// batch axis 1. The item is checked before it is queued (<see cref="InvalidConfigException"/> naming e.g.
    /// <c>inputs[0] (x)</c>); a full queue fails it at once with <see cref="ModelOverloadedException"/>; a failed
    /// model run with <see cref="InferenceFailedException"/>; an unloaded model with <see cref="ObjectDisposedException"/>.
    /// Cancelling while the item waits takes it out of the queue; once its batch runs, its result is discarded.
    /// </summary>
    public Task<BatchResult> InferAsync(IReadOnlyList<TensorData> item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (Volatile.Read(ref _unloading) is not null)
        {
            return Task.FromException<BatchResult>(Unloaded(Declaration.Name));
        }

        long[][] itemDims;
        try
        {
            itemDims = _signature.CheckItem(item);
        }
        catch (InvalidConfigException e)
        {
            return Task.FromException<BatchResult>(e);
        }

        return _batcher.Enqueue(item, itemDims, cancellationToken);
    }

    /// <summary>What the model has served since it loaded, with its queue depth now.</summary>
    public ModelStats Stats() => _metrics.Snapshot();

    /// <summary>Unloads: new calls fail at once, items already accepted are served, then the session is freed.</summary>
    public ValueTask DisposeAsync()
    {
        var unloading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var current = Interlocked.CompareExchange(ref _unloading, unloading.Task, null);
        if (current is not null)
        {
            return new ValueTask(current);
        }

        _ = UnloadAsync(unloading);
        return new ValueTask(unloading.Task);
    }

    internal static ObjectDisposedException Unloaded(string model) => new(null, $"model '{model}' was unloaded");

    private async Task UnloadAsync(TaskCompletionSource unloading)
    {
        try
        {
            await _batcher.StopAsync().ConfigureAwait(false);
            _metrics.Dispose();
            _session.Dispose();
            ServingLog.ModelUnloaded(_logger, Declaration.Name, Declaration.Version, _metrics.Snapshot().Completed);
            unloading.TrySetResult();
        }
        catch (Exception e)
        {
            unloading.TrySetException(e);
        }
    }
}
