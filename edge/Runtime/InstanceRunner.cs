using System.Collections.Immutable;
using System.Globalization;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Ratio1.Orleans.Contracts;
using Ratio1.Orleans.Contracts.Commands;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Diagnostics;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Contracts.Nodes;
using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Contracts.Pipelines;
using Ratio1.Orleans.Contracts.Plugins;
using Ratio1.Orleans.Edge.Plugins;
using Ratio1.Orleans.Edge.Telemetry;
using Ratio1.Orleans.Plugins;

namespace Ratio1.Orleans.Edge.Runtime;

/// <summary>
/// Runs one plugin instance: its own loop (Ratio1 §9.2) that applies config changes, delivers commands, honours
/// <c>DISABLED</c>, <c>FORCED_PAUSE</c>, <c>WORKING_HOURS</c> and <c>PROCESS_DELAY</c>, feeds the queued inputs to
/// <see cref="BusinessPlugin.ProcessAsync"/>, and keeps going after a plugin throws, with a growing back-off. Nothing
/// one instance does can stop another. The loop sleeps between events instead of polling. What reaches it from other
/// threads waits in its <see cref="InstanceMailbox"/>; what it did is counted in its <see cref="InstanceStatistics"/>;
/// each change of its state is told to the node's <see cref="InstanceStatusReporter"/>.
/// </summary>
internal sealed partial class InstanceRunner : IPluginContext, IAsyncDisposable
{
    private readonly RuntimeServices _services;
    private readonly PluginDescriptor _descriptor;
    private readonly ILogger _logger;
    private readonly InstanceInputs _inputs = new();
    private readonly InstanceMailbox _mailbox = new();
    private readonly InstanceStatistics _statistics = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly InstanceRecorder _metrics;

    private InstanceConfig _config;
    private PipelineOrigin _origin;
    private ConfigMap _effective = ConfigMap.Empty;
    private InferencePlan _inferencePlan = InferencePlan.None;
    private InstanceSchedule _schedule;
    private BusinessPlugin? _plugin;
    private Task _loop = Task.CompletedTask;
    private IReadOnlyList<CaptureItem> _processing = [];
    private IReadOnlyDictionary<string, IReadOnlyList<InferenceResult>> _inferences = NoInferences;
    private volatile PluginInstanceState _state = PluginInstanceState.Pending;
    private volatile int _instanceVersion;
    private volatile bool _offShift;
    private volatile bool _closed;
    private bool _confirmPending = true;
    private bool _paused;
    private int _failuresInRow;
    private DateTimeOffset? _cadence;

    // The trace of the deploy that started or last reconfigured the instance: its next execution continues it (then
    // executions are roots of their own again). Written before the loop starts, then by the loop only.
    private ActivityContext _deployTrace;

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<InferenceResult>> NoInferences = new Dictionary<string, IReadOnlyList<InferenceResult>>();

    private readonly Action<CaptureItem> _loopback;

    /// <param name="loopback">Where payloads go back in when the instance is an <c>IS_LOOPBACK_PLUGIN</c>.</param>
    public InstanceRunner(RuntimeServices services, PluginDescriptor descriptor, string pipeline, InstanceConfig config, int instanceVersion, PipelineOrigin origin, Action<CaptureItem> loopback)
    {
        _loopback = loopback;
        _services = services;
        _descriptor = descriptor;
        Pipeline = pipeline;
        _instanceVersion = instanceVersion;
        _config = config;
        _origin = origin;
        _schedule = InstanceSchedule.From(descriptor.Schema.Effective(config.Settings));
        // Inputs can arrive before the loop's initialisation: hold as many as the config asks from the start.
        _inputs.Resize(_schedule.MaxInputsQueueSize);
        _logger = services.Loggers.CreateLogger($"Ratio1.Plugins.{descriptor.Signature}");
        _metrics = services.Metrics.Instances.For(services.NodeId, pipeline, descriptor.Signature);
        _deployTrace = RuntimeSpans.Current();
    }

    public string NodeId => _services.NodeId;

    public string Pipeline { get; }

    public string Signature => _descriptor.Signature;

    public string InstanceId => _config.InstanceId;

    public ConfigMap Config => _effective;

    // The effective config, and what it asks of the serving engine, always set together.
    private void UseEffective(ConfigMap effective)
    {
        _effective = effective;
        _inferencePlan = InferencePlan.From(effective);
    }

    public long ExecutionCount => _statistics.Executions;

    public TimeProvider Time => _services.Time;

    public ILogger Logger => _logger;

    public Task<ImmutableArray<NodeInfo>> GetNodesAsync(CancellationToken cancellationToken = default) =>
        _services.Grains.GetFleet().GetNodesAsync(cancellationToken);

    /// <summary>The instance's config version now running.</summary>
    public int InstanceVersion
    {
        get => _instanceVersion;
        private set
        {
            if (_instanceVersion != value)
            {
                _instanceVersion = value;
                _services.StatusReporter?.Changed(this);
            }
        }
    }

    /// <summary>What the instance is doing now; each change is reported to its plugin-instance grain.</summary>
    public PluginInstanceState State
    {
        get => _state;
        private set
        {
            if (_state != value)
            {
                _state = value;
                _services.StatusReporter?.Changed(this);
            }
        }
    }

    /// <summary>True once the instance was stopped (removed, or its pipeline stopped): it reports nothing more.</summary>
    public bool Closed => _closed;

    /// <summary>The last status sent to the instance's grain; only the status reporter's loop uses it.</summary>
    public PluginInstanceStatus? LastReported { get; set; }

    /// <summary>The instance's status as its grain keeps it (Ratio1 has none: our addition for <c>r1ctl instance</c>).</summary>
    public PluginInstanceStatus Status(DateTimeOffset now)
    {
        var (error, errorAt) = _statistics.LastError;
        return new PluginInstanceStatus(_state, now, _instanceVersion, _statistics.Executions, _statistics.Payloads, error, errorAt);
    }

    public void Start() => _loop = Task.Run(() => RunAsync(_stopping.Token));

    /// <summary>Queues an input (drops the oldest beyond <c>MAX_INPUTS_QUEUE_SIZE</c>).</summary>
    public void Enqueue(CaptureItem item)
    {
        _inputs.Add(item);
        _mailbox.Wake();
    }

    /// <summary>Queues a config change; the loop applies the latest one at its next turn.</summary>
    public void Reconfigure(InstanceConfig config, int instanceVersion, PipelineOrigin origin) =>
        _mailbox.Reconfigure(new InstanceMailbox.ConfigChange(config, instanceVersion, origin, RuntimeSpans.Current()));

    /// <summary>Stamps a new pipeline version on an instance whose own config did not change.</summary>
    public void Retag(PipelineOrigin origin) => _origin = origin;

    public void Deliver(InstanceCommand command) => _mailbox.Deliver(command);

    /// <summary>What heartbeats report about this instance (Ratio1's <c>ACTIVE_PLUGINS[i]</c>).</summary>
    public ActivePluginInfo Describe() =>
        _statistics.Describe(Pipeline, Signature, InstanceId, _schedule.ProcessDelay, _offShift, _state == PluginInstanceState.Failing);

    public void EmitPayload(ConfigMap data)
    {
        var builder = new ConfigMap.Builder();
        foreach (var (key, value) in data)
        {
            builder.Set(key.ToUpperInvariant(), value);
        }

        if (!builder.ContainsKey("INPUT_ID") && _processing is [{ InputId: { } inputId }])
        {
            builder.Set("INPUT_ID", inputId.ToString());
        }

        builder.Set("ID", ExecutionCount);
        var payload = new Payload(Envelope(), builder.ToMap());
        var outcome = _services.Traffic.Publish(payload);
        if (!outcome.Accepted)
        {
            // The plugin goes on; its operators learn why this payload never arrived.
            Send(NotificationType.Exception, NotificationCode.None, string.Create(CultureInfo.InvariantCulture,
                $"{Signature}/{InstanceId}: a payload of {outcome.SizeBytes:N0} bytes is larger than the node's limit of {outcome.LimitBytes:N0} bytes for one message (Traffic:MaxMessageBytes); it was dropped"));
            return;
        }

        _statistics.PayloadSent(Time.GetUtcNow());
        _metrics.PayloadPublished();
        if (_effective.GetValueOrDefault("IS_LOOPBACK_PLUGIN") is { Kind: ConfigValueKind.Boolean } loop && loop.AsBoolean())
        {
            _loopback(new CaptureItem(ConfigValue.FromObject(payload.Data),
                null, ConfigMap.Empty.SetItem("SIGNATURE", Signature).SetItem("INSTANCE_ID", InstanceId), payload.Envelope.Timestamp));
        }
    }

    public IReadOnlyDictionary<string, IReadOnlyList<InferenceResult>> Inferences => _inferences;

    public Task<InferenceResult> InferAsync(string model, InferenceInput input, ConfigMap? parameters = null, CancellationToken cancellationToken = default) =>
        _services.Serving.InferAsync(model, input, parameters, cancellationToken);

    public void Notify(NotificationType type, NotificationCode code, string message, string? info = null) =>
        Send(type, code, message, info);

    public async ValueTask DisposeAsync()
    {
        _closed = true;
        await _stopping.CancelAsync();
        _mailbox.Wake();
        await _loop;
        _stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        // The loop runs for the instance's life: not inside the trace of the deploy that started it (kept in _deployTrace).
        Activity.Current = null;
        try
        {
            await InitAsync(stopping);
            while (!stopping.IsCancellationRequested)
            {
                await TurnAsync(stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // A bug in the runner itself: report it; the instance stops, the node and its other instances go on.
            LogRunnerFailed(_logger, e, Pipeline, Signature, InstanceId);
            Send(NotificationType.Exception, NotificationCode.PipelineFailed, $"Instance {Signature}/{InstanceId} stopped: {e.Message}", e.ToString());
        }
        finally
        {
            await CloseAsync();
        }
    }

    private async Task InitAsync(CancellationToken stopping)
    {
        UseEffective(_descriptor.Schema.Effective(_config.Settings));
        if (Invalid(_config.Settings) is { } problems)
        {
            _statistics.Failed($"Invalid config: {problems}", Time.GetUtcNow());
            _metrics.ConfigInvalid();
            State = PluginInstanceState.Failing;
            Send(NotificationType.Exception, NotificationCode.PluginConfigFailed, $"Config of {Signature}/{InstanceId} rejected by the plugin: {problems}", version: _origin.Version);
            _confirmPending = false;
            InstanceMailbox.ConfigChange? change;
            while (!_mailbox.TryTakeConfig(out change))
            {
                await SleepAsync(Timeout.InfiniteTimeSpan, stopping);
            }

            // A new config arrived: start again with it.
            _config = change.Config;
            _origin = change.Origin;
            _deployTrace = change.Trace;
            InstanceVersion = change.Version;
            _confirmPending = true;
            await InitAsync(stopping);
            return;
        }

        _schedule = InstanceSchedule.From(_effective);
        _inputs.Resize(_schedule.MaxInputsQueueSize);
        _metrics.ConfigApplied();
        while (true)
        {
            try
            {
                _plugin = _descriptor.Create();
                _plugin.BindConfig(_effective);
                await _plugin.OnInitAsync(this, stopping);
                _statistics.Initialised(Time.GetUtcNow());
                State = PluginInstanceState.Running;
                ReportMissingEngines();
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
            {
                await FailedAsync("initialisation", e, stopping);
            }
        }
    }

    private async Task TurnAsync(CancellationToken stopping)
    {
        _statistics.Turned();
        if (_mailbox.TryTakeConfig(out var change))
        {
            await ApplyConfigAsync(change, stopping);
        }

        await RunCommandsAsync(stopping);

        if (_schedule.Disabled)
        {
            State = PluginInstanceState.Disabled;
            Confirm();
            await SleepAsync(Timeout.InfiniteTimeSpan, stopping);
            return;
        }

        if (State == PluginInstanceState.Disabled)
        {
            // DISABLED was cleared: back to what the other keys say (their own transitions happen only on a change).
            State = _paused ? PluginInstanceState.Paused : _offShift ? PluginInstanceState.OutsideWorkingHours : PluginInstanceState.Running;
        }

        if (await PausedAsync(stopping))
        {
            await SleepAsync(Timeout.InfiniteTimeSpan, stopping);
            return;
        }

        var now = Time.GetUtcNow();
        if (!OnShift(now))
        {
            Confirm();
            await SleepAsync(TimeSpan.FromSeconds(30), stopping);
            return;
        }

        if (_cadence is { } previous && now < previous + _schedule.ProcessDelay)
        {
            Confirm();
            await SleepAsync(previous + _schedule.ProcessDelay - now, stopping);
            return;
        }

        var inputs = _inputs.TakeAll();
        if (inputs.Count == 0 && !_schedule.AllowEmptyInputs)
        {
            Confirm();
            await SleepAsync(Timeout.InfiniteTimeSpan, stopping);
            return;
        }

        await ProcessAsync(inputs, now, stopping);

        // As Ratio1's plugin loop: rest 1/PLUGIN_LOOP_RESOLUTION after each execution, so an instance without a
        // PROCESS_DELAY neither spins a core nor floods the node. New inputs, commands and configs end the rest early.
        await SleepAsync(_schedule.LoopPeriod, stopping);
    }

    private async Task ProcessAsync(IReadOnlyList<CaptureItem> inputs, DateTimeOffset now, CancellationToken stopping)
    {
        _processing = inputs;
        _statistics.Processing(now);
        // Executions are due every PROCESS_DELAY from the first: one that ran late (timers, a busy machine) does not
        // push the later ones back, so the rate is what PROCESS_DELAY implies. One more than a period late restarts it.
        _cadence = _cadence is { } previous && now - (previous + _schedule.ProcessDelay) < _schedule.ProcessDelay
            ? previous + _schedule.ProcessDelay
            : now;
        var started = Time.GetTimestamp();
        var deployTrace = _deployTrace;
        _deployTrace = default;
        using var execution = RuntimeSpans.StartInstance(RuntimeSpans.Execution, this, deployTrace);
        try
        {
            _inferences = await _services.Inference.RunAsync(_inferencePlan, inputs, stopping);
            await _plugin!.ProcessAsync(this, inputs, stopping);
            _metrics.Executed(Time.GetElapsedTime(started).TotalSeconds);
            _statistics.Executed();
            _failuresInRow = 0;
            State = PluginInstanceState.Running;
            Confirm();
        }
        catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            _metrics.Executed(Time.GetElapsedTime(started).TotalSeconds);
            // Ended before the back-off: the span is the execution, not the wait after it.
            RuntimeSpans.Failed(execution, e);
            execution?.Stop();
            await FailedAsync("execution", e, stopping);
        }
        finally
        {
            _processing = [];
            _inferences = NoInferences;
        }
    }

    private async Task ApplyConfigAsync(InstanceMailbox.ConfigChange change, CancellationToken stopping)
    {
        using var span = RuntimeSpans.StartInstance(RuntimeSpans.InstanceApply, this, change.Trace);
        span?.SetTag(Ratio1Tracing.VersionAttribute, change.Version);
        if (Invalid(change.Config.Settings) is { } problems)
        {
            span?.SetStatus(ActivityStatusCode.Error, "refused");
            Refused(change.Version, problems);
            _metrics.ConfigInvalid();
            Send(NotificationType.Exception, NotificationCode.PluginConfigFailed,
                $"Config version {change.Version} of {Signature}/{InstanceId} rejected by the plugin ({problems}); still running version {InstanceVersion}", version: change.Origin.Version);
            return;
        }

        var previous = _effective;
        var next = _descriptor.Schema.Effective(change.Config.Settings);
        try
        {
            _plugin!.BindConfig(next);
            UseEffective(next);
            await _plugin.OnConfigAsync(this, previous, stopping);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            // Roll back: the instance keeps running as it was.
            RuntimeSpans.Failed(span, e);
            UseEffective(previous);
            _plugin!.BindConfig(previous);
            Refused(change.Version, $"OnConfig failed and it was rolled back: {e.GetType().Name}: {e.Message}");
            _metrics.ConfigRolledBack();
            Send(NotificationType.Exception, NotificationCode.PluginConfigFailed,
                $"Config version {change.Version} of {Signature}/{InstanceId} failed in OnConfig and was rolled back: {e.Message}", e.ToString(), change.Origin.Version);
            return;
        }

        _config = change.Config;
        _origin = change.Origin;
        _deployTrace = span?.Context ?? change.Trace;
        InstanceVersion = change.Version;
        _schedule = InstanceSchedule.From(_effective);
        _inputs.Resize(_schedule.MaxInputsQueueSize);
        _statistics.Configured(Time.GetUtcNow());
        _metrics.ConfigApplied();
        _confirmPending = true;
    }

    // The instance runs on with its previous config: the refusal is its last error, reported at once, so the status
    // says why the config version stays behind.
    private void Refused(int version, string why)
    {
        _statistics.Failed($"Config version {version} refused: {why}", Time.GetUtcNow());
        _services.StatusReporter?.Changed(this);
    }

    private async Task RunCommandsAsync(CancellationToken stopping)
    {
        while (_mailbox.TryTakeCommand(out var command))
        {
            try
            {
                await _plugin!.OnCommandAsync(this, PluginCommand.Of(command.CommandId, command.Data, command.Parameters, command.InitiatorId), stopping);
                Send(NotificationType.Normal, NotificationCode.PluginInstanceCommandOk, $"Command {Describe(command.Data)} done by {Signature}/{InstanceId}", commandId: command.CommandId);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
            {
                Send(NotificationType.Exception, NotificationCode.PluginInstanceCommandFailed, $"Command {Describe(command.Data)} failed in {Signature}/{InstanceId}: {e.Message}", e.ToString(), commandId: command.CommandId);
            }
        }
    }

    private async Task<bool> PausedAsync(CancellationToken stopping)
    {
        if (_schedule.ForcedPause && !_paused)
        {
            _paused = true;
            State = PluginInstanceState.Paused;
            await CallAsync("OnPause", () => _plugin!.OnPauseAsync(this, stopping), stopping);
            Send(NotificationType.Normal, NotificationCode.PluginPauseOk, $"{Signature}/{InstanceId} paused");
        }
        else if (!_schedule.ForcedPause && _paused)
        {
            _paused = false;
            State = PluginInstanceState.Running;
            await CallAsync("OnResume", () => _plugin!.OnResumeAsync(this, stopping), stopping);
            Send(NotificationType.Normal, NotificationCode.PluginResumeOk, $"{Signature}/{InstanceId} resumed");
        }

        if (_paused && _confirmPending)
        {
            _confirmPending = false;
            Send(NotificationType.Normal, NotificationCode.PluginConfigInPauseOk, $"Config version {InstanceVersion} of {Signature}/{InstanceId} applied while paused", version: _origin.Version);
        }

        return _paused;
    }

    private bool OnShift(DateTimeOffset now)
    {
        var working = _schedule.WorkingHours?.IsWorking(now) ?? true;
        if (working == !_offShift)
        {
            return working;
        }

        _offShift = !working;
        State = working ? PluginInstanceState.Running : PluginInstanceState.OutsideWorkingHours;
        Send(NotificationType.Normal, working ? NotificationCode.PluginWorkingHoursShiftStart : NotificationCode.PluginWorkingHoursShiftEnd,
            $"{Signature}/{InstanceId} {(working ? "started" : "ended")} its working hours");
        return working;
    }

    private async Task FailedAsync(string stage, Exception e, CancellationToken stopping)
    {
        _failuresInRow++;
        _metrics.Failed(stage);
        _statistics.Failed($"{e.GetType().Name}: {e.Message}", Time.GetUtcNow());
        State = PluginInstanceState.Failing;
        var wait = _schedule.BackOff(_failuresInRow);
        LogPluginFailed(_logger, e, stage, Pipeline, Signature, InstanceId, _failuresInRow);
        Send(NotificationType.Exception, NotificationCode.PluginDelayed,
            $"{Signature}/{InstanceId} failed in {stage} ({_failuresInRow} in a row): {e.Message}; retrying in {wait.TotalSeconds:0.##} s", e.ToString(), _origin.Version);
        await SleepAsync(wait, stopping, wakeOnSignal: false);
    }

    private async Task CallAsync(string hook, Func<ValueTask> call, CancellationToken stopping)
    {
        try
        {
            await call();
        }
        catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            Send(NotificationType.Exception, NotificationCode.PipelineFailed, $"{Signature}/{InstanceId} failed in {hook}: {e.Message}", e.ToString());
        }
    }

    private async Task CloseAsync()
    {
        if (_plugin is null)
        {
            return;
        }

        try
        {
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _plugin.OnCloseAsync(this, grace.Token);
        }
        catch (Exception e)
        {
            LogPluginFailed(_logger, e, "OnClose", Pipeline, Signature, InstanceId, 1);
        }

        _state = PluginInstanceState.Stopped;
    }

    // The first turn that runs (or idles healthily) under a new config confirms it.
    private void Confirm()
    {
        if (_confirmPending)
        {
            _confirmPending = false;
            Send(NotificationType.Normal, NotificationCode.PluginConfigOk, $"{Signature}/{InstanceId} runs config version {InstanceVersion}", version: _origin.Version);
        }
    }

    private string? Invalid(ConfigMap settings)
    {
        var errors = new List<ConfigError>();
        _descriptor.Schema.Validate(settings, "INSTANCE_CONFIG.", errors);
        return errors.Count == 0 ? null : string.Join("; ", errors);
    }

    private Task SleepAsync(TimeSpan duration, CancellationToken stopping, bool wakeOnSignal = true) =>
        _mailbox.SleepAsync(duration, Time, stopping, wakeOnSignal);

    // Said at once, not at the first input: a model added later (r1ctl models add) is used from then on.
    private void ReportMissingEngines()
    {
        foreach (var engine in _inferencePlan.Engines)
        {
            var status = _services.Serving.StatusOf(engine);
            if (status is { State: ModelState.Loaded })
            {
                continue;
            }

            var served = _services.Serving.Served;
            var why = status is { Reason: { } reason } ? $"it failed to load: {reason}" : served.IsEmpty ? "it serves no models" : $"it serves: {string.Join(", ", served)}";
            Send(NotificationType.AbnormalFunctioning, NotificationCode.ServingStartFailed,
                $"AI_ENGINE '{engine}' of {Signature}/{InstanceId} is not served by node {NodeId} ({why}); executions with inputs fail until it is added");
        }
    }

    private void Send(NotificationType type, NotificationCode code, string message, string? info = null, int? version = null, Guid? commandId = null) =>
        _services.Traffic.Publish(new Notification(Envelope(), type, code, message, info, "PluginRunner", version, commandId));

    private MessageEnvelope Envelope() =>
        _services.Traffic.Envelope(NodeId, Pipeline, Signature, InstanceId, _origin.InitiatorId, _origin.ModifiedById, _origin.SessionId);

    private static string Describe(ConfigValue data) => data.Kind == ConfigValueKind.String ? $"'{data.AsString()}'" : ConfigJson.Shorten(data.ToJson());

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Stage} of {Pipeline}/{Signature}/{InstanceId} failed ({Failures} in a row)")]
    private static partial void LogPluginFailed(ILogger logger, Exception exception, string stage, string pipeline, string signature, string instanceId, int failures);

    [LoggerMessage(Level = LogLevel.Error, Message = "The runner of {Pipeline}/{Signature}/{InstanceId} failed; the instance stopped")]
    private static partial void LogRunnerFailed(ILogger logger, Exception exception, string pipeline, string signature, string instanceId);
}
