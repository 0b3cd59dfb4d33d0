using System.Collections.Immutable;
using System.Diagnostics;
using Ratio1.Orleans.Client.Traffic;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Diagnostics;
using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Pipelines;

namespace Ratio1.Orleans.Client;

/// <summary>
/// A pipeline being edited, shaped after the Ratio1 SDK: stage changes (<see cref="CreatePluginInstance"/>,
/// <see cref="UpdateInstanceConfig"/>, <see cref="RemovePluginInstance"/>, <see cref="UpdateCaptureConfig"/>), then
/// <see cref="DeployAsync"/> sends them as one change. Deploys are conditional on the version this object last saw,
/// so a concurrent change by another client is reported as a <see cref="ConfigConflictException"/>, never overwritten.
/// A call that cannot reach the cluster, or loses the connection in flight, fails with the retryable
/// <see cref="ConnectionLostException"/>.
/// </summary>
public sealed class Pipeline
{
    private readonly List<PluginInstance> _instances = [];
    private PipelineConfig? _deployed;
    private ConfigMap _settings;

    internal Pipeline(Ratio1Session session, string node, string name, string type, ConfigMap settings)
    {
        Session = session;
        Node = node;
        Name = name;
        Type = type;
        _settings = settings;
    }

    internal Pipeline(Ratio1Session session, PipelineSnapshot snapshot)
        : this(session, snapshot.Node, snapshot.Name, snapshot.Config.Type, snapshot.Config.Settings)
    {
        Accept(snapshot.Config, snapshot.Version, snapshot.Archived, snapshot.InstanceVersions.Select(v => (v.Signature, v.InstanceId, v.Version)));
    }

    /// <summary>The session this pipeline is managed through.</summary>
    public Ratio1Session Session { get; }

    /// <summary>The node the pipeline runs on.</summary>
    public string Node { get; }

    /// <summary>Pipeline <c>NAME</c>.</summary>
    public string Name { get; }

    /// <summary>Capture <c>TYPE</c> as staged.</summary>
    public string Type { get; private set; }

    /// <summary>Pipeline-level settings as staged (URL, CAP_RESOLUTION, ...).</summary>
    public ConfigMap Settings => _settings;

    /// <summary>Version on the node as of the last deploy or refresh (0: never deployed).</summary>
    public int Version { get; private set; }

    /// <summary>Whether the pipeline is archived on the node (a deploy revives it).</summary>
    public bool IsArchived { get; private set; }

    /// <summary>Whether the pipeline exists on the node.</summary>
    public bool IsDeployed => _deployed is not null;

    /// <summary>The instances as staged, in pipeline order.</summary>
    public IReadOnlyList<PluginInstance> Instances => _instances;

    /// <summary>Whether staged changes differ from what was last deployed.</summary>
    public bool HasChanges => _deployed is null || IsArchived || !BuildConfig(validate: false).Equals(_deployed);

    /// <summary>Stages a new instance. Keys of <paramref name="config"/> are upper-cased.</summary>
    /// <exception cref="InvalidConfigException">The signature or id is invalid, or the id is already used for this signature.</exception>
    public PluginInstance CreatePluginInstance(string signature, string instanceId, IReadOnlyDictionary<string, object?>? config = null)
    {
        var sig = Identifiers.RequireSignature(signature);
        var id = Identifiers.RequireInstanceId(instanceId);
        if (FindInstance(sig, id) is not null)
        {
            throw new InvalidConfigException(InstanceKeys.InstanceId, $"\"{id}\"", $"plugin '{sig}' already has an instance '{id}' in pipeline '{Name}'");
        }

        var instance = new PluginInstance(this, sig, id, ConfigInput.ToMap(config).Remove(InstanceKeys.InstanceId), version: 0);
        _instances.Add(instance);
        return instance;
    }

    /// <summary>The staged instance, or null.</summary>
    public PluginInstance? GetInstance(string signature, string instanceId) =>
        FindInstance(Identifiers.NormalizeSignature(signature) ?? string.Empty, instanceId);

    /// <summary>Stages a config delta for an existing instance (Ratio1's <c>update_instance_config</c>).</summary>
    /// <exception cref="InstanceNotFoundException">No such instance is staged.</exception>
    public PluginInstance UpdateInstanceConfig(string signature, string instanceId, IReadOnlyDictionary<string, object?> delta) =>
        RequireInstance(signature, instanceId).UpdateConfig(delta);

    /// <summary>Stages the removal of an instance.</summary>
    /// <exception cref="InstanceNotFoundException">No such instance is staged.</exception>
    public void RemovePluginInstance(string signature, string instanceId) => _instances.Remove(RequireInstance(signature, instanceId));

    /// <summary>Stages a delta for the pipeline-level (capture) settings, e.g. <c>URL</c> or <c>CAP_RESOLUTION</c>.</summary>
    public Pipeline UpdateCaptureConfig(IReadOnlyDictionary<string, object?> delta)
    {
        var map = ConfigInput.ToMap(delta);
        foreach (var key in new[] { PipelineKeys.Name, PipelineKeys.Plugins })
        {
            if (map.ContainsKey(key))
            {
                throw new InvalidConfigException(key, map[key].ToJson(), key == PipelineKeys.Name ? "a pipeline cannot be renamed" : "change instances with CreatePluginInstance, UpdateInstanceConfig and RemovePluginInstance");
            }
        }

        if (map.GetValueOrDefault(PipelineKeys.Type) is { } type)
        {
            Type = type.Kind == ConfigValueKind.String ? type.AsString() : throw new InvalidConfigException(PipelineKeys.Type, type.ToJson(), "expected a string");
            map = map.Remove(PipelineKeys.Type);
        }

        _settings = ConfigDelta.Apply(_settings, map, string.Empty);
        return this;
    }

    /// <summary>The staged pipeline as a validated config.</summary>
    /// <exception cref="InvalidConfigException">A staged value breaks a rule; the error names the field.</exception>
    public PipelineConfig ToConfig() => BuildConfig(validate: true);

    /// <summary>
    /// Sends the staged changes as one change: the whole pipeline when it is new or its capture settings or instance
    /// set changed (Ratio1's <c>UPDATE_CONFIG</c>), else only the instance deltas (<c>BATCH_UPDATE_PIPELINE_INSTANCE</c>).
    /// Nothing is sent when nothing changed. By default it then waits until the node confirms each new or changed
    /// instance (<c>PLUGIN_CONFIG_OK</c>). Staged changes are kept when the deploy fails.
    /// </summary>
    /// <returns>The new version and what happened to each instance.</returns>
    /// <exception cref="InvalidConfigException">
    /// The node rejected the config, or it holds text that storage cannot (a NUL character, an unpaired surrogate) and
    /// was not sent; nothing changed. The error names every offending field.
    /// </exception>
    /// <exception cref="ConfigConflictException">Someone else changed the pipeline since this object last saw it.</exception>
    /// <exception cref="DeployNotConfirmedException">Stored, but the node reported a failure, is not running, did not confirm in time, or the connection was lost before it confirmed.</exception>
    /// <exception cref="ConnectionLostException">The cluster could not be reached, or the connection was lost before the change was stored or refused; it may or may not have been applied (a retry stays conditional on <see cref="Version"/>).</exception>
    public async Task<DeployOutcome> DeployAsync(DeployOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= DeployOptions.Default;
        var proposed = BuildConfig(validate: false);
        RequireStorableText(proposed);
        if (_deployed is not null && !IsArchived && proposed.Equals(_deployed))
        {
            return new DeployOutcome(Node, Name, Version, PipelineAction.UpdateConfig, Changed: false,
                [.. _instances.Select(i => new InstanceOutcome(i.Signature, i.InstanceId, InstanceChange.Unchanged, i.Version))], DateTimeOffset.UtcNow);
        }

        using var span = Ratio1Tracing.Source.StartActivity("ratio1.deploy", ActivityKind.Client);
        span?.SetTag(Ratio1Tracing.NodeAttribute, Node).SetTag(Ratio1Tracing.PipelineAttribute, Name);

        // Listening starts before the change is sent, so no acknowledgement can be missed.
        await using var confirmations = options.WaitForConfirmation
            ? await NotificationWaiter.StartAsync(Session.Traffic, Session.Connection, Node, n => n.Envelope.Pipeline == Name)
            : null;
        var grain = Session.PipelineGrain(Node, Name);
        DeployOutcome outcome;
        if (_deployed is not null && !IsArchived && InstanceDeltas(_deployed, proposed) is { } updates)
        {
            outcome = await grain.UpdateInstancesAsync(updates, Session.Request(Version), cancellationToken);
        }
        else
        {
            outcome = await grain.ReplaceConfigAsync(Session.WithinConfigLimit(Name, proposed.ToMap()), Session.Request(_deployed is null ? 0 : Version), cancellationToken);
        }

        Accept(proposed, outcome.Version, archived: false,
            outcome.Instances.Where(i => i.Change != InstanceChange.Removed).Select(i => (i.Signature, i.InstanceId, i.Version)));
        span?.SetTag(Ratio1Tracing.VersionAttribute, outcome.Version);
        if (confirmations is not null && outcome.Changed)
        {
            using var confirm = Ratio1Tracing.Source.StartActivity("ratio1.deploy.confirm");
            await DeployConfirmation.WaitAsync(Session, outcome, confirmations, options.Timeout, cancellationToken);
        }

        return outcome;
    }

    /// <summary>
    /// Archives the pipeline on the node (Ratio1's <c>close</c>): it stops, but its config and history are kept.
    /// Conditional on the version this object last saw.
    /// </summary>
    /// <exception cref="PipelineNotFoundException">This object never deployed or loaded the pipeline.</exception>
    public async Task<DeployOutcome> CloseAsync(CancellationToken cancellationToken = default)
    {
        if (!IsDeployed)
        {
            throw new PipelineNotFoundException(Node, Name, "It has not been deployed from this object; attach to it to close it.");
        }

        var outcome = await Session.PipelineGrain(Node, Name).ArchiveAsync(Session.Request(Version), cancellationToken);
        Version = outcome.Version;
        IsArchived = true;
        return outcome;
    }

    /// <summary>
    /// Checks the pipeline's history chain on the node, end to end as stored: each version's config hash and record
    /// hash, each version's link to the one before, and each signed version's request signature, signer, destination
    /// and (for whole-config changes) config. Unsigned versions are checked by their hashes only.
    /// </summary>
    /// <returns>
    /// <see cref="HistoryVerification.Intact"/> with the number of versions checked, or the first version that does
    /// not check out and why (<see cref="HistoryVerification.FirstBrokenVersion"/>, <see cref="HistoryVerification.Reason"/>).
    /// Keep <see cref="HistoryVerification.HeadHash"/> elsewhere to detect a later rewrite of the whole chain.
    /// </returns>
    /// <exception cref="PipelineNotFoundException">The pipeline does not exist on the node (deleting it removes its history).</exception>
    public Task<HistoryVerification> VerifyHistoryAsync(CancellationToken cancellationToken = default) =>
        Session.PipelineGrain(Node, Name).VerifyHistoryAsync(cancellationToken);

    /// <summary>Calls <paramref name="handler"/> with every payload of this pipeline. Dispose the result to stop.</summary>
    public Task<IAsyncDisposable> OnDataAsync(Func<Payload, Task> handler) => Session.OnPipelinePayloadAsync(Node, Name, handler);

    /// <inheritdoc cref="OnDataAsync(Func{Payload, Task})"/>
    public Task<IAsyncDisposable> OnDataAsync(Action<Payload> handler) => OnDataAsync(Ratio1Session.Synchronous(handler));

    /// <summary>Calls <paramref name="handler"/> with every notification about this pipeline or its instances.</summary>
    public Task<IAsyncDisposable> OnNotificationAsync(Func<Notification, Task> handler) =>
        Session.OnNodeNotificationAsync(Node, n => n.Envelope.Pipeline == Name ? handler(n) : Task.CompletedTask);

    /// <inheritdoc cref="OnNotificationAsync(Func{Notification, Task})"/>
    public Task<IAsyncDisposable> OnNotificationAsync(Action<Notification> handler) => OnNotificationAsync(Ratio1Session.Synchronous(handler));

    /// <summary>Sends a <c>PIPELINE_COMMAND</c> to this pipeline's capture source and waits for its answer.</summary>
    public Task<Notification> SendCommandAsync(object command, IReadOnlyDictionary<string, object?>? parameters = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        Session.SendPipelineCommandAsync(Node, Name, command, parameters, timeout, cancellationToken);

    /// <summary>Re-reads the pipeline from the node and drops staged changes.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = await Session.PipelineGrain(Node, Name).GetAsync(cancellationToken: cancellationToken);
        Type = snapshot.Config.Type;
        _settings = snapshot.Config.Settings;
        Accept(snapshot.Config, snapshot.Version, snapshot.Archived, snapshot.InstanceVersions.Select(v => (v.Signature, v.InstanceId, v.Version)));
    }

    /// <summary>Drops staged changes, going back to what was last deployed or refreshed.</summary>
    public void DiscardChanges()
    {
        if (_deployed is null)
        {
            _instances.Clear();
            return;
        }

        Type = _deployed.Type;
        _settings = _deployed.Settings;
        Accept(_deployed, Version, IsArchived, _instances.Select(i => (i.Signature, i.InstanceId, i.Version)).ToList());
    }

    private void Accept(PipelineConfig config, int version, bool archived, IEnumerable<(string Signature, string InstanceId, int Version)> versions)
    {
        var byKey = versions.ToDictionary(v => (v.Signature, v.InstanceId), v => v.Version);
        _deployed = config;
        Version = version;
        IsArchived = archived;
        Type = config.Type;
        _settings = config.Settings;
        _instances.Clear();
        foreach (var (signature, instance) in config.Instances)
        {
            _instances.Add(new PluginInstance(this, signature, instance.InstanceId, instance.Settings, byKey.GetValueOrDefault((signature, instance.InstanceId))));
        }
    }

    private PipelineConfig BuildConfig(bool validate)
    {
        var deployedBlocks = _deployed?.Plugins.ToDictionary(p => p.Signature, p => p.Settings) ?? [];
        var plugins = _instances
            .GroupBy(i => i.Signature)
            .Select(g => new PluginConfig(g.Key, [.. g.Select(i => new InstanceConfig(i.InstanceId, i.Config))], deployedBlocks.GetValueOrDefault(g.Key)))
            .ToImmutableArray();
        var config = new PipelineConfig(Name, Type, _settings, plugins);
        return validate ? PipelineConfig.FromMap(config.ToMap()) : config;
    }

    // The node refuses text that storage cannot hold; refusing it here names the field as the document has it.
    private static void RequireStorableText(PipelineConfig config)
    {
        var errors = new List<ConfigError>();
        StorableText.CheckMap(config.ToMap(), string.Empty, errors);
        if (errors.Count > 0)
        {
            throw new InvalidConfigException(errors);
        }
    }

    // Deltas for a BATCH_UPDATE_PIPELINE_INSTANCE, or null when the change needs the whole config (capture settings
    // changed, instances added, removed or reordered, or a key removed: a delta cannot remove keys).
    private static ImmutableArray<InstanceUpdate>? InstanceDeltas(PipelineConfig deployed, PipelineConfig proposed)
    {
        if (deployed.Type != proposed.Type || !deployed.Settings.Equals(proposed.Settings) ||
            !deployed.Instances.Select(i => (i.Signature, i.Instance.InstanceId)).SequenceEqual(proposed.Instances.Select(i => (i.Signature, i.Instance.InstanceId))))
        {
            return null;
        }

        var updates = ImmutableArray.CreateBuilder<InstanceUpdate>();
        foreach (var ((signature, before), (_, after)) in deployed.Instances.Zip(proposed.Instances))
        {
            if (before.Settings.Keys.Any(k => !after.Settings.ContainsKey(k)))
            {
                return null;
            }

            var changed = ConfigDelta.ChangedKeys(before.Settings, after.Settings);
            if (changed.Count > 0)
            {
                updates.Add(new InstanceUpdate(signature, before.InstanceId, ConfigMap.From(changed.Select(k => KeyValuePair.Create(k, after.Settings[k])))));
            }
        }

        return updates.Count == 0 ? null : updates.ToImmutable();
    }

    private PluginInstance? FindInstance(string signature, string instanceId) =>
        _instances.FirstOrDefault(i => i.Signature == signature && i.InstanceId == instanceId);

    private PluginInstance RequireInstance(string signature, string instanceId) =>
        GetInstance(signature, instanceId) ?? throw new InstanceNotFoundException(Node, Name, Identifiers.NormalizeSignature(signature) ?? signature, instanceId);
}
