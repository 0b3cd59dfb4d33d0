using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Ratio1.Orleans.Contracts;
using Ratio1.Orleans.Contracts.Commands;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Contracts.Nodes;
using Ratio1.Orleans.Contracts.Pipelines;
using Ratio1.Orleans.Contracts.Streams;
using Ratio1.Orleans.Edge.Telemetry;
using Ratio1.Orleans.Plugins;

namespace Ratio1.Orleans.Edge.Runtime;

/// <summary>
/// Runs one pipeline on its node: the capture source of its <c>TYPE</c> (restarted as <c>RECONNECTABLE</c> says when
/// it fails) and one <see cref="InstanceRunner"/> per plugin instance, fed with every item the source captures.
/// <see cref="ApplyAsync"/> moves it to a new version: changed capture settings restart the source, instances are
/// added, reconfigured live or stopped one by one, and untouched instances keep running. It is the source's
/// <see cref="ICaptureContext"/>: inputs pushed by clients and loopback payloads are offered to the source
/// (<see cref="CaptureSource.OnInput"/>), which decides whether it takes them; nothing here depends on the <c>TYPE</c>.
/// </summary>
internal sealed partial class PipelineRunner : ICaptureContext, IAsyncDisposable
{
    /// <summary>The pipeline command every source understands: stop the source and start it again from the beginning.</summary>
    public const string RestartCommand = "RESTART";

    private readonly RuntimeServices _services;
    private readonly ILogger _logger;
    // Commands and inputs arrive on other threads than the ones applying versions.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Signature, string InstanceId), InstanceRunner> _instances = new();
    private PipelineConfig _config;
    private PipelineOrigin _origin;
    // The config and version applied in full: set only once a version is applied, so a failed apply leaves the version
    // running behind the stored one and the next reconcile tries again.
    private PipelineConfig _applied;
    private int _version;
    private volatile CaptureSource? _source;
    private CancellationTokenSource? _captureStop;
    // Restarts of the source come from config changes and from RESTART commands; one at a time.
    private readonly SemaphoreSlim _captureGate = new(1, 1);
    private Task _capture = Task.CompletedTask;
    private int _started;
    private CaptureRecorder _captureMetrics;

    public PipelineRunner(RuntimeServices services, PipelineSnapshot snapshot)
    {
        _services = services;
        _config = snapshot.Config;
        _applied = snapshot.Config;
        _origin = PipelineOrigin.Of(snapshot);
        CreatedAt = snapshot.CreatedAt;
        _logger = services.Loggers.CreateLogger($"Ratio1.Capture.{snapshot.Config.Type}");
        _captureMetrics = services.Metrics.Captures.For(services.NodeId, Name, _config.Type);
    }

    public string Name => _config.Name;

    /// <summary>The pipeline version running (applied in full); 0 until <see cref="Start"/> is done.</summary>
    public int Version => Volatile.Read(ref _version);

    /// <summary>When the life of the pipeline running was created (versions restart when it is created again).</summary>
    public DateTimeOffset CreatedAt { get; }

    public string NodeId => _services.NodeId;

    public PipelineConfig Pipeline => _config;

    public TimeProvider Time => _services.Time;

    public ILogger Logger => _logger;

    public IEnumerable<InstanceRunner> Instances => _instances.Values;

    /// <summary>Starts the capture source and every instance of the version given at construction.</summary>
    public void Start(PipelineSnapshot snapshot)
    {
        foreach (var (signature, instance) in _config.Instances)
        {
            StartInstance(signature, instance, VersionOf(snapshot, signature, instance.InstanceId));
        }

        StartCapture();
        Volatile.Write(ref _version, snapshot.Version);
    }

    /// <summary>Moves the running pipeline to <paramref name="snapshot"/>'s version.</summary>
    public async Task ApplyAsync(PipelineSnapshot snapshot)
    {
        // Compared with the config last applied in full: a capture restart that failed is tried again.
        var previous = _applied;
        _config = snapshot.Config;
        _origin = PipelineOrigin.Of(snapshot);

        var wanted = snapshot.Config.Instances.ToDictionary(i => (i.Signature, i.Instance.InstanceId), i => i.Instance);
        foreach (var key in _instances.Keys.Where(k => !wanted.ContainsKey(k)).ToList())
        {
            if (_instances.TryRemove(key, out var removed))
            {
                await removed.DisposeAsync();
            }
        }

        foreach (var ((signature, instanceId), instance) in wanted)
        {
            var version = VersionOf(snapshot, signature, instanceId);
            if (!_instances.TryGetValue((signature, instanceId), out var runner))
            {
                StartInstance(signature, instance, version);
            }
            else if (runner.InstanceVersion != version)
            {
                runner.Reconfigure(instance, version, _origin);
            }
            else
            {
                runner.Retag(_origin);
            }
        }

        if (previous.Type != _config.Type || !previous.Settings.Equals(_config.Settings))
        {
            await RestartCaptureAsync();
        }

        _applied = snapshot.Config;
        Volatile.Write(ref _version, snapshot.Version);
    }

    /// <summary>Delivers a <c>PIPELINE_COMMAND</c> to the capture source and reports the outcome.</summary>
    public async Task DeliverAsync(PipelineCommand command)
    {
        if (_source is null)
        {
            Send(NotificationType.Exception, NotificationCode.PipelineFailed, $"Pipeline '{Name}' ({_config.Type}) has no capture source to take commands", commandId: command.CommandId);
            return;
        }

        var received = PluginCommand.Of(command.CommandId, command.Data, command.Parameters, command.InitiatorId);
        if (string.Equals(received.Name, RestartCommand, StringComparison.OrdinalIgnoreCase))
        {
            await RestartCaptureAsync();
            Send(NotificationType.Normal, NotificationCode.PipelineOk, $"The {_config.Type} source of '{Name}' was restarted", commandId: command.CommandId);
            return;
        }

        try
        {
            await _source.OnCommandAsync(this, received, _captureStop?.Token ?? CancellationToken.None);
            Send(NotificationType.Normal, NotificationCode.PipelineOk, $"Pipeline command done by the {_config.Type} source of '{Name}'", commandId: command.CommandId);
        }
        catch (Exception e)
        {
            Send(NotificationType.Exception, NotificationCode.PipelineFailed, $"Pipeline command failed in the {_config.Type} source of '{Name}': {e.Message}", e.ToString(), command.CommandId);
        }
    }

    /// <summary>Delivers an instance command.</summary>
    /// <exception cref="InstanceNotFoundException">The pipeline has no such instance running.</exception>
    public void Deliver(InstanceCommand command)
    {
        var runner = _instances.GetValueOrDefault((command.Signature, command.InstanceId))
            ?? throw new InstanceNotFoundException(NodeId, Name, command.Signature, command.InstanceId);
        runner.Deliver(command);
    }

    /// <summary>
    /// Offers a client's input to the capture source, which takes it (<c>OnDemandInput</c> does) or not. While the
    /// source restarts, the stopping one is offered it.
    /// </summary>
    /// <exception cref="InvalidConfigException">The pipeline's source takes no pushed inputs (or it has none).</exception>
    public void Push(PipelineInput input)
    {
        var item = new CaptureItem(input.Data, null, ConfigMap.Empty.SetItem("INITIATOR_ID", input.InitiatorId), Time.GetUtcNow(), input.InputId);
        var source = _source;
        if (source is null || !source.OnInput(this, new CaptureInput(CaptureInputOrigin.Client, item)))
        {
            throw new InvalidConfigException(PipelineKeys.Type, $"\"{_config.Type}\"",
                source is null && !string.Equals(_config.Type, CaptureTypes.Void, StringComparison.OrdinalIgnoreCase)
                    ? $"pipeline '{Name}' does not take pushed inputs: its {_config.Type} source is not running (see its PIPELINE_FAILED)"
                    : $"pipeline '{Name}' does not take pushed inputs: its {_config.Type} source takes none");
        }
    }

    public void Publish(CaptureItem item)
    {
        foreach (var runner in _instances.Values)
        {
            runner.Enqueue(item);
        }

        // MetaStream pipelines of this node may collect this pipeline's captures.
        _services.Captures.Report(Name, item);
        _captureMetrics.FrameRead();
    }

    public IDisposable ListenToCaptures(IEnumerable<string> pipelines, Action<string, CaptureItem> listener) =>
        _services.Captures.Listen(pipelines, listener);

    public async Task<IAsyncDisposable> WatchPayloadsAsync(PayloadSelection selection, Func<Payload, Task> handler, CancellationToken cancellationToken) =>
        await PayloadWatch.StartAsync(_services.Subscriptions, _services.Grains, selection.IncludeNode, selection.IncludePipeline, handler,
            selection.DiscoveryPeriod, selection.DiscoveryFailed ?? (_ => { }), cancellationToken);

    public Task<ImmutableArray<NodeInfo>> GetNodesAsync(CancellationToken cancellationToken = default) =>
        _services.Grains.GetFleet().GetNodesAsync(cancellationToken);

    // Payloads of IS_LOOPBACK_PLUGIN instances are offered to the source: a Loopback source takes them, others drop them.
    private void Loopback(CaptureItem item) => _source?.OnInput(this, new CaptureInput(CaptureInputOrigin.Loopback, item));

    public void ReportStarted()
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            Send(NotificationType.Normal, NotificationCode.PipelineOk, $"Pipeline '{Name}' ({_config.Type}) is capturing and can be used");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopCaptureAsync();
        await Task.WhenAll(_instances.Values.Select(i => i.DisposeAsync().AsTask()));
        _instances.Clear();
    }

    private void StartInstance(string signature, InstanceConfig instance, int version)
    {
        if (_services.Catalog.FindPlugin(signature) is not { } descriptor)
        {
            var reason = $"Node '{NodeId}' has no plugin '{signature}' for instance '{instance.InstanceId}'; it offers {string.Join(", ", _services.Catalog.Signatures)}";
            Send(NotificationType.Exception, NotificationCode.PluginConfigFailed, reason, signature: signature, instanceId: instance.InstanceId);
            // Without a runner nothing else would ever report on it: its grain says why it does not run.
            _services.StatusReporter?.Failed(Name, signature, instance.InstanceId, version, reason);
            return;
        }

        var runner = new InstanceRunner(_services, descriptor, Name, instance, version, _origin, Loopback);
        _instances[(signature, instance.InstanceId)] = runner;
        runner.Start();
    }

    private void StartCapture()
    {
        _started = 0;
        _captureMetrics = _services.Metrics.Captures.For(NodeId, Name, _config.Type);
        if (string.Equals(_config.Type, CaptureTypes.Void, StringComparison.OrdinalIgnoreCase))
        {
            _source = null;
            ReportStarted();
            return;
        }

        if (_services.Catalog.FindCapture(_config.Type) is not { } descriptor)
        {
            _source = null;
            Send(NotificationType.Exception, NotificationCode.PipelineFailed,
                $"Node '{NodeId}' has no capture source of type '{_config.Type}' for pipeline '{Name}'; it offers {string.Join(", ", [CaptureTypes.Void, .. _services.Catalog.Captures.Select(c => c.Type).Order(StringComparer.Ordinal)])}");
            return;
        }

        // Checked and bound before it is published: inputs and commands reach it from other threads as soon as it is.
        // A config it refuses leaves the pipeline without a source (the capture loop reports why, trying it again).
        var source = descriptor.Create();
        _source = Configures(source) ? source : null;
        _captureStop = new CancellationTokenSource();
        var stopping = _captureStop.Token;
        _capture = Task.Run(() =>
        {
            // The source runs for the pipeline's life: not inside the trace of the deploy that started it.
            Activity.Current = null;
            return CaptureAsync(source, stopping);
        });
    }

    private bool Configures(CaptureSource source)
    {
        try
        {
            source.Configure(_config.Settings);
            return true;
        }
        catch (InvalidConfigException)
        {
            return false;
        }
    }

    private async Task RestartCaptureAsync()
    {
        await _captureGate.WaitAsync();
        try
        {
            // The stopping source stays reachable until its successor replaces it, so inputs pushed meanwhile are
            // taken as before rather than refused as if the pipeline took none.
            await StopCaptureAsync(keepSource: true);
            StartCapture();
        }
        finally
        {
            _captureGate.Release();
        }
    }

    private async Task StopCaptureAsync(bool keepSource = false)
    {
        if (_captureStop is null)
        {
            return;
        }

        await _captureStop.CancelAsync();
        await _capture;
        _captureStop.Dispose();
        _captureStop = null;
        if (!keepSource)
        {
            _source = null;
        }
    }

    // Ratio1's reconnect policy: YES retries up to MAX_RETRIES times, KEEPALIVE for ever, NO never.
    private async Task CaptureAsync(CaptureSource source, CancellationToken stopping)
    {
        var common = ReadCommonConfig(source);
        var policy = common.ReconnectPolicy;
        var maxRetries = common.MaxRetries;
        var pause = TimeSpan.FromSeconds(common.SleepTimeOnError);
        for (var failures = 0; !stopping.IsCancellationRequested;)
        {
            try
            {
                await CheckReachAsync(stopping);
                await source.StartAsync(this, stopping);
                ReportStarted();
                Send(NotificationType.Normal, NotificationCode.PipelineDataOk, $"The {_config.Type} source of pipeline '{Name}' has delivered all its data");
                return;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failures++;
                _captureMetrics.Failed();
                // A config the source rejects cannot heal by reconnecting; a new version restarts the source.
                var rejected = e is InvalidConfigException;
                var retry = !rejected && (policy == "KEEPALIVE" || (policy == "YES" && failures <= maxRetries));
                LogCaptureFailed(_logger, e, Name, _config.Type, failures);
                Send(NotificationType.Exception, NotificationCode.PipelineFailed,
                    $"The {_config.Type} source of pipeline '{Name}' failed: {e.Message}" + (retry ? $"; reconnecting in {pause.TotalSeconds:0.##} s (attempt {failures})"
                        : rejected ? "; not reconnecting until the config changes" : "; not reconnecting (RECONNECTABLE " + policy + ")"),
                    e.ToString());
                if (!retry)
                {
                    return;
                }

                _started = 0;
                try
                {
                    await Task.Delay(pause, Time, stopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    // Checked at deploy already; checked again here, where links can be followed and names resolved on the machine
    // that connects (a config stored before the roots changed, a link placed since, a name that resolves elsewhere now).
    private async Task CheckReachAsync(CancellationToken cancellationToken)
    {
        if (_config.Settings.GetValueOrDefault(PipelineKeys.Url) is { Kind: ConfigValueKind.String } url
            && await _services.Reach.CheckAsync(url.AsString(), resolveLinks: true, System.Net.Dns.GetHostAddressesAsync, cancellationToken) is { } problem)
        {
            throw new InvalidConfigException(PipelineKeys.Url, url.ToJson(), problem);
        }
    }

    // Configs are checked when deployed; one stored before a rule was tightened gets the defaults rather than
    // stopping the capture loop (a typed source still refuses it, naming the key, when it starts).
    private CaptureConfig ReadCommonConfig(CaptureSource source)
    {
        try
        {
            return source.CommonConfig(_config.Settings);
        }
        catch (Exception e)
        {
            LogCommonConfigUnreadable(_logger, e, Name, _config.Type);
            return new CaptureConfig();
        }
    }

    private static int VersionOf(PipelineSnapshot snapshot, string signature, string instanceId) =>
        snapshot.InstanceVersions.FirstOrDefault(v => v.Signature == signature && v.InstanceId == instanceId)?.Version ?? 1;

    private void Send(NotificationType type, NotificationCode code, string message, string? info = null, Guid? commandId = null, string? signature = null, string? instanceId = null) =>
        _services.Traffic.Publish(new Notification(
            _services.Traffic.Envelope(NodeId, Name, signature, instanceId, _origin.InitiatorId, _origin.ModifiedById, _origin.SessionId),
            type, code, message, info, "CaptureRunner", _origin.Version, commandId));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pipeline {Pipeline} ({Type}): the common capture keys cannot be read; reconnecting with the defaults")]
    private static partial void LogCommonConfigUnreadable(ILogger logger, Exception exception, string pipeline, string type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Capture of pipeline {Pipeline} ({Type}) failed ({Failures} times)")]
    private static partial void LogCaptureFailed(ILogger logger, Exception exception, string pipeline, string type, int failures);
}
