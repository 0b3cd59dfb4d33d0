using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Diagnostics;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Reach;
using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Serving.Batching;
using Ratio1.Orleans.Serving.Processing;
using Ratio1.Orleans.Serving.Providers;
using Ratio1.Orleans.Serving.Profiles;
using Ratio1.Orleans.Serving.Telemetry;

namespace Ratio1.Orleans.Serving.Engine;

/// <summary>
/// The node's serving engine: its model registry (one ONNX Runtime session and dynamic batcher per loaded model) and
/// the single entry point every inference on the node goes through — plugin instances' <c>AI_ENGINE</c> inputs and
/// clients' direct requests alike, so they are batched together. Loading is all or nothing: a model that fails to
/// load (bad file, wrong shape for its profile) is reported and whatever was served under that name before stays.
/// Declaring a name again replaces the model once the new one has loaded and warmed up; requests already queued on
/// the old one finish on it.
/// </summary>
public sealed partial class ServingEngine : IAsyncDisposable
{
    private readonly ServingMetrics _metrics;
    private readonly DeviceSlots _devices;
    private readonly ILogger<ServingEngine> _logger;
    private readonly SemaphoreSlim _changing = new(1, 1);
    private readonly string _nodeId;
    private readonly PathRoots _modelDirectories;
    private readonly long _maxModelBytes;
    private ImmutableDictionary<string, ServedModel> _models = ImmutableDictionary.Create<string, ServedModel>(StringComparer.Ordinal);

    public ServingEngine(IOptions<ServingOptions> options, ServingMetrics metrics, ILogger<ServingEngine> logger, string nodeId = "")
    {
        _metrics = metrics;
        _logger = logger;
        _nodeId = nodeId;
        _devices = new DeviceSlots(options.Value.DeviceConcurrency);
        _modelDirectories = new PathRoots(options.Value.ModelDirectories);
        _maxModelBytes = options.Value.MaxModelBytes;
    }

    /// <summary>Every declared model with its state, provider and statistics, by name.</summary>
    public ImmutableArray<ModelStatus> Statuses() => [.. _models.Values.OrderBy(m => m.Declaration.Name, StringComparer.Ordinal).Select(m => m.Status())];

    /// <summary>The names of the models that are loaded and serving.</summary>
    public ImmutableArray<string> Served => [.. _models.Values.Where(m => m.Server is not null).Select(m => m.Declaration.Name).Order(StringComparer.Ordinal)];

    /// <summary>The status of one model, or null when none is declared under <paramref name="name"/>.</summary>
    public ModelStatus? StatusOf(string name) => _models.GetValueOrDefault(name)?.Status();

    /// <summary>
    /// Loads (or replaces) a model and returns its status. Throws <see cref="InvalidConfigException"/> naming the
    /// field at fault when it cannot be loaded; nothing changes then.
    /// </summary>
    public async Task<ModelStatus> LoadAsync(ModelDeclaration declaration, string source, CancellationToken cancellationToken)
    {
        // The declaration is checked where every load passes: ModelServer.Load (ModelDeclarationRules).
        if (source == ModelSource.Registry)
        {
            CheckAdmitted(declaration);
        }

        await _changing.WaitAsync(cancellationToken);
        try
        {
            var loaded = await OpenAsync(declaration, source, cancellationToken);
            var previous = _models.GetValueOrDefault(declaration.Name);
            _models = _models.SetItem(declaration.Name, loaded);
            LogLoaded(_logger, declaration.Name, declaration.Version, loaded.Server!.Provider.Used, loaded.Server.Provider.FallbackReason ?? "-", loaded.Server.MaxBatchSize);
            if (previous?.Server is { } old)
            {
                await old.DisposeAsync();
            }

            return loaded.Status();
        }
        finally
        {
            _changing.Release();
        }
    }

    // A model a client adds is a file the node reads: only from its model directories (judged as text first, so the
    // answer for a path outside is the same whether it exists; then with links followed), and only up to the size limit.
    private void CheckAdmitted(ModelDeclaration declaration)
    {
        if (string.IsNullOrWhiteSpace(declaration.Path))
        {
            return;
        }

        var json = ConfigValue.FromString(declaration.Path).ToJson();
        if (!_modelDirectories.Contains(declaration.Path) || !_modelDirectories.ContainsResolved(declaration.Path))
        {
            throw new InvalidConfigException("Path", json, $"is not in the node's model directories (Node:ModelDirectories): {_modelDirectories.Described}");
        }

        var file = new FileInfo(declaration.Path);
        if (file.Exists && file.Length > _maxModelBytes)
        {
            throw new InvalidConfigException("Path", json,
                $"is {file.Length:N0} bytes, over the node's limit of {_maxModelBytes:N0} bytes for a model file (Limits:MaxModelBytes)");
        }
    }

    /// <summary>
    /// Loads the models the node starts with. One that fails is kept as <see cref="ModelState.Failed"/> with its
    /// reason (visible in listings and heartbeats) and does not stop the others.
    /// </summary>
    public async Task LoadAllAsync(IEnumerable<(ModelDeclaration Declaration, string Source)> models, CancellationToken cancellationToken)
    {
        foreach (var (declaration, source) in models)
        {
            try
            {
                await LoadAsync(declaration, source, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogLoadFailed(_logger, e, declaration.Name, declaration.Path);
                var reason = e is InvalidConfigException invalid ? string.Join("; ", invalid.Errors) : e.Message;
                await _changing.WaitAsync(cancellationToken);
                try
                {
                    if (!_models.TryGetValue(declaration.Name, out var current) || current.Server is null)
                    {
                        _models = _models.SetItem(declaration.Name, new ServedModel(declaration, source, null, null, reason));
                    }
                }
                finally
                {
                    _changing.Release();
                }
            }
        }
    }

    /// <summary>Stops serving a model (queued requests finish first). False when none is declared under that name.</summary>
    public async Task<bool> UnloadAsync(string name, CancellationToken cancellationToken)
    {
        await _changing.WaitAsync(cancellationToken);
        try
        {
            if (!_models.TryGetValue(name, out var model))
            {
                return false;
            }

            _models = _models.Remove(name);
            if (model.Server is { } server)
            {
                await server.DisposeAsync();
            }

            LogUnloaded(_logger, name);
            return true;
        }
        finally
        {
            _changing.Release();
        }
    }

    /// <summary>
    /// Runs one item through a model: prepared by its profile, batched with every other request to the model, read
    /// back by its profile. <paramref name="parameters"/> are Ratio1's <c>INFERENCE_AI_ENGINE_PARAMS</c>.
    /// </summary>
    public async Task<InferenceResult> InferAsync(string model, InferenceInput input, ConfigMap? parameters, CancellationToken cancellationToken)
    {
        var served = _models.GetValueOrDefault(model);
        if (served is null)
        {
            throw new ModelNotFoundException(_nodeId, model, Served);
        }

        if (served.Server is not { } server || served.Profile is not { } profile)
        {
            throw new InferenceFailedException(model, $"the model did not load: {served.Reason}");
        }

        using var span = InferenceSpans.StartRequest(model);
        try
        {
            var settings = PostprocessParameters.Resolve(served.Declaration.EffectivePostprocess, parameters ?? ConfigMap.Empty);
            var prepared = profile.Prepare(input);
            var result = await server.InferAsync(prepared.Tensors, cancellationToken);
            span?.SetTag(Ratio1Tracing.BatchSizeAttribute, result.BatchSize);
            return profile.Complete(prepared, result, settings) with { Provider = server.Provider.Used };
        }
        catch (Exception e) when (InferenceSpans.Failed(span, e))
        {
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        var models = Interlocked.Exchange(ref _models, _models.Clear());
        foreach (var server in models.Values.Select(m => m.Server).OfType<ModelServer>())
        {
            await server.DisposeAsync();
        }
    }

    private async Task<ServedModel> OpenAsync(ModelDeclaration declaration, string source, CancellationToken cancellationToken)
    {
        // ONNX Runtime loads and warms up synchronously: keep it off the caller's scheduler.
        var server = await Task.Run(() => ModelServer.Load(declaration, _devices, _metrics, _logger, cancellationToken), cancellationToken);
        try
        {
            return new ServedModel(declaration, source, server, InferenceProfile.For(declaration, server.Inputs, server.Outputs), null);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Model} version {Version} loaded on {Provider} (fallback: {Fallback}), batches of up to {MaxBatch}")]
    private static partial void LogLoaded(ILogger logger, string model, string version, ExecutionProvider provider, string fallback, int maxBatch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model {Model} ({Path}) could not be loaded")]
    private static partial void LogLoadFailed(ILogger logger, Exception exception, string model, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Model} unloaded")]
    private static partial void LogUnloaded(ILogger logger, string model);
}
