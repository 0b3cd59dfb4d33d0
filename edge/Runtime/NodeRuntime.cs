using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
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
using Ratio1.Orleans.Contracts.Streams;
using Ratio1.Orleans.Edge.Plugins;
using Ratio1.Orleans.Edge.Telemetry;
using Ratio1.Orleans.Edge.Heartbeats;
using Ratio1.Orleans.Storage.Hosting;
using Ratio1.Orleans.Edge.Traffic;

namespace Ratio1.Orleans.Edge.Runtime;

/// <summary>
/// The edge runtime of the node this silo serves. Once the silo is active it registers the node (with the plugins it
/// offers and a reference to itself), loads its models (<see cref="NodeModels"/>), starts every live pipeline of the
/// node from stored config, then keeps them in step (<see cref="NodePipelines"/>): pipeline grains push each committed
/// version whole (<see cref="OnPipelineCommittedAsync"/>), applied as it comes, and a periodic reconcile compares
/// running versions with stored ones so a lost push heals. Cut off from storage or the cluster, the node keeps running
/// what it applied last; it reconciles every few seconds until storage answers, and at once when it is heard again
/// (<see cref="TrafficPublisher.Reconnected"/>, its node grain taking heartbeats again). It sends a heartbeat every
/// <c>SecondsHeartbeat</c> and reports instance states to their grains (<see cref="InstanceStatusReporter"/>). On
/// shutdown it closes every instance and marks the node offline. Pipelines of other nodes never run here.
/// </summary>
public sealed partial class NodeRuntime : INodeRuntime, ILifecycleParticipant<ISiloLifecycle>
{
    // After a reconcile that could not finish (storage or the cluster unreachable), the next comes this soon.
    private const int ReconcileRetrySeconds = 2;

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
    private readonly NodePipelines _pipelines;
    private readonly CancellationTokenSource _stopping = new();
    private readonly IClusterMembershipService _membership;
    private readonly SemaphoreSlim _reconcileNow = new(0, 1);
    private INodeRuntime? _reference;
    private bool _presenceFailing;
    private Task[] _loops = [];

    public NodeRuntime(
        IGrainFactory grains, ILocalSiloDetails silo, IOptions<NodeOptions> options, PluginCatalog catalog, TrafficPublisher traffic, CaptureHub captures,
        HeartbeatSender heartbeats, MachineReadings machine, NodeModels models, TimeProvider time, ILoggerFactory loggers,
        Lazy<TrafficSubscriptions> subscriptions, IClusterMembershipService membership, InstanceMetrics instanceMetrics, CaptureMetrics captureMetrics, StorageOptions? storage = null)
    {
        _membership = membership;
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
        _services = new RuntimeServices(NodeId, catalog, traffic, captures, models.Engine, time, loggers, grains, subscriptions, _options.Reach())
        {
            StatusReporter = _statusReporter,
            Metrics = new RuntimeMetrics(instanceMetrics, captureMetrics),
        };
        _pipelines = new NodePipelines(grains, NodeId, _services, _logger);
    }

    /// <summary>The node this runtime serves.</summary>
    public string NodeId { get; }

    /// <summary>Version reported by the node.</summary>
    public static string Version { get; } =
        typeof(NodeRuntime).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>Names and versions of the pipelines running now.</summary>
    public IReadOnlyDictionary<string, int> RunningPipelines => _pipelines.Running;

    /// <summary>
    /// How many times the runtime read a pipeline back from its grain (a pull): at start, when a reconcile found a
    /// running version that differs from the stored one, or when a push came out of order. A push applied as it came
    /// is not a read.
    /// </summary>
    public long PipelineReads => _pipelines.Reads;

    /// <summary>How many instance status reports this node sent to instance grains.</summary>
    public long InstanceStatusReports => _statusReporter.Sent;

    /// <summary>Whether the node's grain knows this silo as the node's runtime, as last seen (for the readiness check).</summary>
    public NodePresence Presence { get; } = new();

    /// <summary>Plugin instances running now, across every pipeline.</summary>
    public int RunningInstances => _pipelines.Runners().Sum(p => p.Instances.Count());

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(NodeRuntime), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    public Task OnPipelineCommittedAsync(PipelineCommit commit)
    {
        _pipelines.Push(commit, RuntimeSpans.Caller());
        return Task.CompletedTask;
    }

    public Task DeliverInstanceCommandAsync(InstanceCommand command)
    {
        RequireWithinLimit($"the command for instance {command.Signature}/{command.InstanceId} of pipeline '{command.Pipeline}'", MessageSize.Of(command));
        _pipelines.RunnerOf(command.Pipeline).Deliver(command);
        return Task.CompletedTask;
    }

    public Task DeliverPipelineCommandAsync(PipelineCommand command)
    {
        RequireWithinLimit($"the command for pipeline '{command.Pipeline}'", MessageSize.Of(command));
        // Confirmed by a notification once the source has handled it; the sender does not wait for the source.
        _ = _pipelines.RunnerOf(command.Pipeline).DeliverAsync(command);
        return Task.CompletedTask;
    }

    public Task DeliverInputAsync(PipelineInput input)
    {
        RequireWithinLimit($"the input for pipeline '{input.Pipeline}'", MessageSize.Of(input));
        _pipelines.RunnerOf(input.Pipeline).Push(input);
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
            Version, Environment.MachineName, _silo.SiloAddress.ToString(), _time.GetUtcNow(), _reference, _catalog.CaptureTypes, _catalog.PluginTypes, _services.Reach);
        var info = await _grains.GetNode(NodeId).RegisterAsync(registration, cancellationToken);
        Presence.Registered(_time.GetUtcNow());
        LogNodeServed(_logger, NodeId, info.Alias, _silo.SiloAddress.ToString(), _catalog.Signatures.Length);

        // Models first, so the pipelines that use them find them serving.
        await _models.LoadAtStartAsync(cancellationToken);

        await _pipelines.ReconcileAsync(cancellationToken);
        _traffic.Reconnected += OnTrafficReconnected;
        var stopping = _stopping.Token;
        _loops =
        [
            Task.Run(() => _pipelines.ApplyPushesAsync(stopping)),
            Task.Run(() => ReconcileAsync(stopping)),
            Task.Run(() => EveryAsync(TimeSpan.FromSeconds(_options.SecondsHeartbeat), HeartbeatAsync, stopping)),
            Task.Run(() => _statusReporter.RunAsync(_pipelines.InstanceRunners, TimeSpan.FromSeconds(_options.InstanceStatusSeconds), stopping)),
            Task.Run(() => ReportOnSiloDeathsAsync(stopping)),
        ];
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        Presence.Stopped();
        await _stopping.CancelAsync();
        _traffic.Reconnected -= OnTrafficReconnected;
        await Task.WhenAll(_loops);
        await _pipelines.StopAllAsync();
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

    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        var readings = await _machine.ReadAsync(_storage?.DataDirectory ?? ".", cancellationToken);
        var running = _pipelines.Runners();
        var heartbeat = _heartbeats.Compose(
            NodeId, readings, Version, _options.SecondsHeartbeat,
            [.. running.SelectMany(p => p.Instances).Select(i => i.Describe())],
            [.. running.Select(p => p.Name).Order(StringComparer.Ordinal)]) with
        { Models = _models.Statuses() };
        try
        {
            await _heartbeats.SendAsync(heartbeat, _silo.SiloAddress.ToString(), _reference, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _presenceFailing = true;
            Presence.ReportFailed(_time.GetUtcNow());
            throw;
        }

        Presence.Reported(_time.GetUtcNow());

        if (_presenceFailing)
        {
            // The node's grain hears the node again (storage or the cluster is back): catch up with stored config now.
            _presenceFailing = false;
            ReconcileNow();
        }
    }

    // Running pipelines are compared with stored ones every Node:ReconcileSeconds. A node cut off from storage or the
    // cluster keeps running what it last applied; a reconcile that could not finish then is tried again every few
    // seconds, and at once when the node is heard again (traffic provider, node grain), so the node converges to the
    // stored config as soon as storage answers instead of a full period later.
    private async Task ReconcileAsync(CancellationToken stopping)
    {
        var period = TimeSpan.FromSeconds(_options.ReconcileSeconds);
        var retry = TimeSpan.FromSeconds(Math.Min(ReconcileRetrySeconds, _options.ReconcileSeconds));
        var wait = period;
        var failing = false;
        try
        {
            while (true)
            {
                await _reconcileNow.WaitAsync(wait, stopping);
                bool settled;
                try
                {
                    settled = await _pipelines.ReconcileAsync(stopping);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    if (!failing)
                    {
                        LogReconcileFailed(_logger, e, NodeId, retry.TotalSeconds);
                    }

                    settled = false;
                }

                if (settled && failing)
                {
                    LogReconciledAgain(_logger, NodeId);
                }

                failing = !settled;
                Presence.Reconciled(settled);
                wait = settled ? period : retry;
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private void ReconcileNow()
    {
        try
        {
            _reconcileNow.Release();
        }
        catch (SemaphoreFullException)
        {
            // A reconcile is already asked for.
        }
    }

    // The traffic provider takes messages again after an outage (with ADO.NET traffic: the database is back): storage
    // is likely back too, so reconcile now; and say what traffic was lost meanwhile, once, as a notification (its
    // counts are also in every heartbeat's Traffic).
    private void OnTrafficReconnected(TrafficOutageReport outage)
    {
        ReconcileNow();
        if (outage.Dropped == 0)
        {
            return;
        }

        var seconds = Math.Round(outage.Duration.TotalSeconds, 1);
        var message = string.Create(CultureInfo.InvariantCulture,
            $"Node {NodeId} could not reach its traffic stream provider for {seconds} s and lost {outage.Dropped} message(s): {outage.DroppedBacklogFull} oldest dropped for room (backlog_full, Traffic:BacklogMiB), {outage.DroppedExpired} expired, {outage.DroppedTooBig} too big; the {outage.Waiting} waiting were sent in order.");
        var info = string.Create(CultureInfo.InvariantCulture,
            $$"""{"DROPPED":{{outage.Dropped}},"BACKLOG_FULL":{{outage.DroppedBacklogFull}},"EXPIRED":{{outage.DroppedExpired}},"TOO_BIG":{{outage.DroppedTooBig}},"WAITING":{{outage.Waiting}},"SECONDS":{{seconds}}}""");
        _traffic.Publish(new Notification(
            _traffic.Envelope(NodeId, null, null, null), NotificationType.AbnormalFunctioning, NotificationCode.CommsFailed, message, info, "TrafficPublisher"));
    }

    // When a silo of the cluster dies, the grains it held reactivate elsewhere without this runtime's reference (the
    // node's own grain may be one): reporting at once lets them push versions and deliver commands again within the
    // detection time, rather than a heartbeat later.
    private async Task ReportOnSiloDeathsAsync(CancellationToken stopping)
    {
        var dead = new HashSet<SiloAddress>();
        try
        {
            await foreach (var snapshot in _membership.MembershipUpdates.WithCancellation(stopping))
            {
                var newlyDead = snapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead && dead.Add(m.SiloAddress)).ToList();
                if (newlyDead.Count == 0)
                {
                    continue;
                }

                try
                {
                    await _grains.GetNode(NodeId).ReportPresenceAsync(_silo.SiloAddress.ToString(), _reference, stopping);
                    Presence.Reported(_time.GetUtcNow());
                    LogReportedAfterDeath(_logger, NodeId, string.Join(", ", newlyDead.Select(m => m.SiloAddress)));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The next heartbeat reports it.
                    LogPeriodicFailed(_logger, e, NodeId, nameof(ReportOnSiloDeathsAsync));
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving node {Node} ({Alias}) on silo {Silo} with {Plugins} plugins")]
    private static partial void LogNodeServed(ILogger logger, string node, string alias, string silo, int plugins);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node}: reported itself to its node grain after silo {Silos} was declared dead")]
    private static partial void LogReportedAfterDeath(ILogger logger, string node, string silos);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node}: {Work} failed; retrying at the next period")]
    private static partial void LogPeriodicFailed(ILogger logger, Exception exception, string node, string work);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node}: could not compare running pipelines with stored ones; they keep running as last applied, retrying every {Seconds} s")]
    private static partial void LogReconcileFailed(ILogger logger, Exception exception, string node, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node}: running pipelines match stored ones again")]
    private static partial void LogReconciledAgain(ILogger logger, string node);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not mark node {Node} offline at shutdown; it will show as lost after 60 s")]
    private static partial void LogUnregisterFailed(ILogger logger, Exception exception, string node);
}
