using System.Collections.Immutable;
using System.Reflection;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ratio1.Orleans.Contracts;
using Ratio1.Orleans.Contracts.Commands;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Contracts.Nodes;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Pipelines;
using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Edge.Plugins;
using Ratio1.Orleans.Edge.Heartbeats;
using Ratio1.Orleans.Storage.Hosting;
using Ratio1.Orleans.Edge.Traffic;

namespace Ratio1.Orleans.Edge.Runtime;

/// <summary>
/// The edge runtime of the node this silo serves. Once the silo is active it registers the node (with the plugins it
/// offers and a reference to itself), starts every live pipeline of the node from stored config, then keeps them in
/// step: pipeline grains push each committed version whole (<see cref="OnPipelineCommittedAsync"/>), applied as it
/// comes; the runtime reads a pipeline back from its grain (a pull) only when a push is out of order, and a periodic
/// reconcile compares running versions with stored ones so a lost push heals. It sends a heartbeat every
/// <c>SecondsHeartbeat</c>. On shutdown it closes every instance and marks the node offline. Pipelines of other nodes
/// never run here.
/// </summary>
public sealed partial class NodeRuntime : INodeRuntime, ILifecycleParticipant<ISiloLifecycle>
{
    private readonly IGrainFactory _grains;
    private readonly ILocalSiloDetails _silo;
    private readonly NodeOptions _options;
    private readonly PluginCatalog _catalog;
    private readonly TrafficPublisher _traffic;
    private readonly HeartbeatSender _heartbeats;
    private readonly MachineReadings _machine;
    private readonly StorageOptions? _storage;
    private readonly NodeModels _models;
    private readonly TimeProvider _time;
    private readonly ILogger<NodeRuntime> _logger;
    private readonly RuntimeServices _services;
    private readonly InstanceStatusReporter _statusReporter;
    private readonly Dictionary<string, PipelineRunner> _pipelines = new(StringComparer.Ordinal);
    private readonly Lock _pipelinesLock = new();
    private readonly SemaphoreSlim _applying = new(1, 1);
    private readonly Channel<PipelineCommit> _pushes = Channel.CreateUnbounded<PipelineCommit>(new UnboundedChannelOptions { SingleReader = true });
    // The version at which a pipeline stopped (archived or deleted): a push at or below it is stale or ambiguous.
    private readonly Dictionary<string, int> _stoppedAt = new(StringComparer.Ordinal);
    private long _pipelineReads;
    private readonly CancellationTokenSource _stopping = new();
    private INodeRuntime? _reference;
    private Task[] _loops = [];

    public NodeRuntime(
        IGrainFactory grains, ILocalSiloDetails silo, IOptions<NodeOptions> options, PluginCatalog catalog, TrafficPublisher traffic, CaptureHub captures,
        HeartbeatSender heartbeats, MachineReadings machine, NodeModels models, TimeProvider time, ILoggerFactory loggers,
        IServiceProvider services, StorageOptions? storage = null)
    {
        _models = models;
        _grains = grains;
        _silo = silo;
        _options = options.Value;
        _catalog = catalog;
        _traffic = traffic;
        _heartbeats = heartbeats;
        _machine = machine;
        _storage = storage;
        _time = time;
        _logger = loggers.CreateLogger<NodeRuntime>();
        NodeId = _options.ResolveId();
        _statusReporter = new InstanceStatusReporter(grains, NodeId, time, loggers.CreateLogger<InstanceStatusReporter>());
        _services = new RuntimeServices(NodeId, catalog, traffic, captures, models.Engine, time, loggers, services) { StatusReporter = _statusReporter };
    }

    /// <summary>The node this runtime serves.</summary>
    public string NodeId { get; }

    /// <summary>Version reported by the node.</summary>
    public static string Version { get; } =
        typeof(NodeRuntime).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>Names and versions of the pipelines running now.</summary>
    public IReadOnlyDictionary<string, int> RunningPipelines
    {
        get
        {
            lock (_pipelinesLock)
            {
                return _pipelines.ToDictionary(p => p.Key, p => p.Value.Version);
            }
        }
    }

    /// <summary>
    /// How many times the runtime read a pipeline back from its grain (a pull): at start, when a reconcile found a
    /// running version that differs from the stored one, or when a push came out of order. A push applied as it came
    /// is not a read.
    /// </summary>
    public long PipelineReads => Interlocked.Read(ref _pipelineReads);

    /// <summary>Plugin instances running now, across every pipeline.</summary>
    public int RunningInstances
    {
        get
        {
            lock (_pipelinesLock)
            {
                return _pipelines.Values.Sum(p => p.Instances.Count());
            }
        }
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(NodeRuntime), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    public Task OnPipelineCommittedAsync(PipelineCommit commit)
    {
        _pushes.Writer.TryWrite(commit);
        return Task.CompletedTask;
    }

    public Task DeliverInstanceCommandAsync(InstanceCommand command)
    {
        RequireWithinLimit($"the command for instance {command.Signature}/{command.InstanceId} of pipeline '{command.Pipeline}'", MessageSize.Of(command));
        RunnerOf(command.Pipeline).Deliver(command);
        return Task.CompletedTask;
    }

    public Task DeliverPipelineCommandAsync(PipelineCommand command)
    {
        RequireWithinLimit($"the command for pipeline '{command.Pipeline}'", MessageSize.Of(command));
        // Confirmed by a notification once the source has handled it; the sender does not wait for the source.
        _ = RunnerOf(command.Pipeline).DeliverAsync(command);
        return Task.CompletedTask;
    }

    public Task DeliverInputAsync(PipelineInput input)
    {
        RequireWithinLimit($"the input for pipeline '{input.Pipeline}'", MessageSize.Of(input));
        RunnerOf(input.Pipeline).Push(input);
        return Task.CompletedTask;
    }

    // Commands and inputs end up in payloads and notifications, which cannot be larger than one message either.
    private void RequireWithinLimit(string what, long size)
    {
        if (size > _traffic.MaxMessageBytes)
        {
            throw new MessageTooLargeException(what, size, _traffic.MaxMessageBytes, "Traffic:MaxMessageBytes");
        }
    }

    public Task<ModelStatus> LoadModelAsync(ModelDeclaration declaration) => _models.LoadAsync(declaration, _stopping.Token);

    public Task<bool> UnloadModelAsync(string name) => _models.UnloadAsync(name, _stopping.Token);

    public Task<ImmutableArray<ModelStatus>> GetModelsAsync() => Task.FromResult(_models.Statuses());

    public Task<InferenceResult> InferAsync(string model, InferenceInput input, ConfigMap parameters, CancellationToken cancellationToken = default) =>
        _models.InferAsync(model, input, parameters, cancellationToken);

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        _reference = _grains.CreateObjectReference<INodeRuntime>(this);
        var registration = new NodeRegistration(
            NodeId, _options.Alias ?? NodeId, _options.Tags.ToImmutableDictionary(StringComparer.Ordinal), _catalog.Signatures,
            Version, Environment.MachineName, _silo.SiloAddress.ToString(), _time.GetUtcNow(), _reference, _catalog.CaptureTypes);
        var info = await _grains.GetNode(NodeId).RegisterAsync(registration, cancellationToken);
        LogNodeServed(_logger, NodeId, info.Alias, _silo.SiloAddress.ToString(), _catalog.Signatures.Length);

        // Models first, so the pipelines that use them find them serving.
        await _models.LoadAtStartAsync(cancellationToken);

        await ReconcileAsync(cancellationToken);
        var stopping = _stopping.Token;
        _loops =
        [
            Task.Run(() => ApplyPushesAsync(stopping)),
            Task.Run(() => EveryAsync(TimeSpan.FromSeconds(_options.ReconcileSeconds), ReconcileAsync, stopping)),
            Task.Run(() => EveryAsync(TimeSpan.FromSeconds(_options.SecondsHeartbeat), HeartbeatAsync, stopping)),
            Task.Run(() => _statusReporter.RunAsync(RunningInstanceRunners, TimeSpan.FromSeconds(_options.InstanceStatusSeconds), stopping)),
        ];
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        _pushes.Writer.TryComplete();
        await Task.WhenAll(_loops);

        await _applying.WaitAsync(CancellationToken.None);
        List<PipelineRunner> running;
        lock (_pipelinesLock)
        {
            running = [.. _pipelines.Values];
            _pipelines.Clear();
        }

        await Task.WhenAll(running.Select(p => p.DisposeAsync().AsTask()));
        await _traffic.FlushAsync(TimeSpan.FromSeconds(2));

        try
        {
            await _grains.GetNode(NodeId).UnregisterAsync(_silo.SiloAddress.ToString(), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogUnregisterFailed(_logger, e, NodeId);
        }

        if (_reference is not null)
        {
            _grains.DeleteObjectReference<INodeRuntime>(_reference);
        }
    }

    private async Task ApplyPushesAsync(CancellationToken stopping)
    {
        try
        {
            await foreach (var commit in _pushes.Reader.ReadAllAsync(stopping))
            {
                if (!await TryApplyPushAsync(commit, stopping))
                {
                    await PullAsync(commit.Pipeline, stopping);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    // Applies a pushed version as it came when it is newer than what the node applied last; one it already runs is
    // done. An older one came after a newer one (pushes travel concurrently), or the pipeline was deleted and created
    // again since: only storage can tell, so it answers false and the caller pulls.
    private async Task<bool> TryApplyPushAsync(PipelineCommit commit, CancellationToken cancellationToken)
    {
        await _applying.WaitAsync(cancellationToken);
        try
        {
            var applied = RunningVersion(commit.Pipeline) ?? _stoppedAt.GetValueOrDefault(commit.Pipeline);
            if (commit.Version < applied)
            {
                return false;
            }

            if (commit.Version > applied || (commit.Deleted && RunningVersion(commit.Pipeline) is not null))
            {
                await ApplyAsync(commit.Pipeline, commit.Snapshot, commit.Version);
            }

            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Retried at the next reconcile; the pipelines already running are not affected.
            LogReloadFailed(_logger, e, NodeId, commit.Pipeline);
            return true;
        }
        finally
        {
            _applying.Release();
        }
    }

    private async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        var stored = (await _grains.GetNode(NodeId).ListPipelinesAsync(includeArchived: false, cancellationToken)).ToDictionary(p => p.Name, p => p.Version);
        var running = RunningPipelines;
        foreach (var name in stored.Keys.Union(running.Keys).Where(n => stored.GetValueOrDefault(n) != running.GetValueOrDefault(n)))
        {
            await PullAsync(name, cancellationToken);
        }
    }

    // Reads one pipeline from its grain and brings it to that version: storage is the truth, whatever was pushed.
    private async Task PullAsync(string name, CancellationToken cancellationToken)
    {
        await _applying.WaitAsync(cancellationToken);
        try
        {
            Interlocked.Increment(ref _pipelineReads);
            PipelineSnapshot? snapshot;
            try
            {
                snapshot = await _grains.GetPipeline(NodeId, name).GetAsync(cancellationToken: cancellationToken);
            }
            catch (PipelineNotFoundException)
            {
                snapshot = null;
            }

            if (snapshot is null || snapshot.Version != RunningVersion(name))
            {
                await ApplyAsync(name, snapshot, deletedAt: null);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Retried at the next reconcile; the pipelines already running are not affected.
            LogReloadFailed(_logger, e, NodeId, name);
        }
        finally
        {
            _applying.Release();
        }
    }

    // Brings one pipeline to a version: started, moved to it, or stopped (archived; null: deleted, at deletedAt when
    // known). Called under _applying.
    private async Task ApplyAsync(string name, PipelineSnapshot? snapshot, int? deletedAt)
    {
        PipelineRunner? runner;
        lock (_pipelinesLock)
        {
            runner = _pipelines.GetValueOrDefault(name);
        }

        if (snapshot is null || snapshot.Archived)
        {
            if ((snapshot?.Version ?? deletedAt ?? runner?.Version) is { } stoppedAt)
            {
                _stoppedAt[name] = stoppedAt;
            }

            if (runner is not null)
            {
                lock (_pipelinesLock)
                {
                    _pipelines.Remove(name);
                }

                var instances = runner.Instances.ToList();
                await runner.DisposeAsync();
                LogPipelineStopped(_logger, NodeId, name);
                if (snapshot is not null)
                {
                    // Archived: the instances stay in the config, so their grains say they stopped. (Deleted ones are forgotten.)
                    foreach (var instance in instances)
                    {
                        _statusReporter.Stopped(instance);
                    }
                }
            }

            return;
        }

        _stoppedAt.Remove(name);
        if (runner is null)
        {
            runner = new PipelineRunner(_services, snapshot);
            lock (_pipelinesLock)
            {
                _pipelines[name] = runner;
            }

            runner.Start(snapshot);
            LogPipelineStarted(_logger, NodeId, name, snapshot.Version);
        }
        else if (runner.Version != snapshot.Version)
        {
            await runner.ApplyAsync(snapshot);
            LogPipelineUpdated(_logger, NodeId, name, snapshot.Version);
        }
    }

    private List<InstanceRunner> RunningInstanceRunners()
    {
        lock (_pipelinesLock)
        {
            return [.. _pipelines.Values.SelectMany(p => p.Instances)];
        }
    }

    private int? RunningVersion(string name)
    {
        lock (_pipelinesLock)
        {
            return _pipelines.TryGetValue(name, out var runner) ? runner.Version : null;
        }
    }

    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        var readings = await _machine.ReadAsync(_storage?.DataDirectory ?? ".", cancellationToken);
        List<PipelineRunner> running;
        lock (_pipelinesLock)
        {
            running = [.. _pipelines.Values];
        }

        var heartbeat = _heartbeats.Compose(
            NodeId, readings, Version, _options.SecondsHeartbeat,
            [.. running.SelectMany(p => p.Instances).Select(i => i.Describe())],
            [.. running.Select(p => p.Name).Order(StringComparer.Ordinal)]) with { Models = _models.Statuses() };
        await _heartbeats.SendAsync(heartbeat, _silo.SiloAddress.ToString(), _reference, cancellationToken);
    }

    private async Task EveryAsync(TimeSpan period, Func<CancellationToken, Task> work, CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(period, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                try
                {
                    await work(stopping);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogPeriodicFailed(_logger, e, NodeId, work.Method.Name);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private PipelineRunner RunnerOf(string pipeline)
    {
        lock (_pipelinesLock)
        {
            return _pipelines.GetValueOrDefault(pipeline) ?? throw new PipelineNotFoundException(NodeId, pipeline, "It is not running on the node (never deployed, archived, or still starting).");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving node {Node} ({Alias}) on silo {Silo} with {Plugins} plugins")]
    private static partial void LogNodeServed(ILogger logger, string node, string alias, string silo, int plugins);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node}: pipeline {Pipeline} started at version {Version}")]
    private static partial void LogPipelineStarted(ILogger logger, string node, string pipeline, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node}: pipeline {Pipeline} moved to version {Version}")]
    private static partial void LogPipelineUpdated(ILogger logger, string node, string pipeline, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node}: pipeline {Pipeline} stopped")]
    private static partial void LogPipelineStopped(ILogger logger, string node, string pipeline);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node}: could not load pipeline {Pipeline}; retrying at the next reconcile")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception, string node, string pipeline);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node}: {Work} failed; retrying at the next period")]
    private static partial void LogPeriodicFailed(ILogger logger, Exception exception, string node, string work);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not mark node {Node} offline at shutdown; it will show as lost after 60 s")]
    private static partial void LogUnregisterFailed(ILogger logger, Exception exception, string node);
}
