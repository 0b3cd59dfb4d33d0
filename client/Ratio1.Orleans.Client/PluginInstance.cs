using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Contracts.Pipelines;
using Ratio1.Orleans.Contracts.Plugins;

namespace Ratio1.Orleans.Client;

/// <summary>
/// A plugin instance of a staged <see cref="Client.Pipeline"/>. Config changes are staged and sent by the pipeline's
/// next <see cref="Pipeline.DeployAsync"/>. A call that cannot reach the cluster, or loses the connection in flight,
/// fails with the retryable <see cref="ConnectionLostException"/>.
/// </summary>
public sealed class PluginInstance
{
    internal PluginInstance(Pipeline pipeline, string signature, string instanceId, ConfigMap config, int version)
    {
        Pipeline = pipeline;
        Signature = signature;
        InstanceId = instanceId;
        Config = config;
        Version = version;
    }

    /// <summary>The pipeline this instance belongs to.</summary>
    public Pipeline Pipeline { get; }

    /// <summary>Plugin signature (upper-snake).</summary>
    public string Signature { get; }

    /// <summary>Instance id, unique within the signature in this pipeline.</summary>
    public string InstanceId { get; }

    /// <summary>The instance's config as staged (deployed config plus staged changes), without <c>INSTANCE_ID</c>.</summary>
    public ConfigMap Config { get; internal set; }

    /// <summary>Config version on the node as of the last deploy or refresh (0: not deployed yet).</summary>
    public int Version { get; internal set; }

    /// <summary>
    /// Stages a delta for this instance: each key replaces the current value (keys are upper-cased; <c>"A.B"</c> sets
    /// a nested value). Sent by the next <see cref="Pipeline.DeployAsync"/>.
    /// </summary>
    /// <returns>This instance, for chaining.</returns>
    /// <exception cref="InvalidConfigException">The delta tries to change <c>INSTANCE_ID</c>, or holds a value that is not JSON.</exception>
    public PluginInstance UpdateConfig(IReadOnlyDictionary<string, object?> delta)
    {
        var map = ConfigInput.ToMap(delta);
        if (map.GetValueOrDefault(InstanceKeys.InstanceId) is { } id)
        {
            throw new InvalidConfigException("INSTANCE_CONFIG." + InstanceKeys.InstanceId, id.ToJson(), $"INSTANCE_ID cannot change (it is \"{InstanceId}\")");
        }

        Config = ConfigDelta.Apply(Config, map, "INSTANCE_CONFIG.");
        return this;
    }

    /// <summary>Calls <paramref name="handler"/> with every payload of this instance. Dispose the result to stop.</summary>
    public Task<IAsyncDisposable> OnDataAsync(Func<Payload, Task> handler) =>
        Pipeline.OnDataAsync(p => p.Envelope.Signature == Signature && p.Envelope.InstanceId == InstanceId ? handler(p) : Task.CompletedTask);

    /// <inheritdoc cref="OnDataAsync(Func{Payload, Task})"/>
    public Task<IAsyncDisposable> OnDataAsync(Action<Payload> handler) => OnDataAsync(Ratio1Session.Synchronous(handler));

    /// <summary>Sends an <c>INSTANCE_COMMAND</c> to this instance and waits for its answer (see <see cref="Ratio1Session.SendInstanceCommandAsync"/>).</summary>
    public Task<Notification> SendCommandAsync(object command, IReadOnlyDictionary<string, object?>? parameters = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        Pipeline.Session.SendInstanceCommandAsync(Pipeline.Node, Pipeline.Name, Signature, InstanceId, command, parameters, timeout, cancellationToken);

    /// <summary>
    /// What the node last reported about this instance: its state (running, paused, disabled, outside working hours,
    /// failing, stopped), the config version it runs, its counters and its last error. Null until the node reports.
    /// </summary>
    /// <exception cref="InstanceNotFoundException">The pipeline has no such instance (yet: deploy it first).</exception>
    public async Task<PluginInstanceStatus?> GetStatusAsync(CancellationToken cancellationToken = default) =>
        (await GetAsync(cancellationToken)).Status;

    /// <summary>Reads the instance from the node: its deployed config, version and last reported status.</summary>
    public Task<PluginInstanceSnapshot> GetAsync(CancellationToken cancellationToken = default) =>
        Pipeline.Session.GetInstanceAsync(Pipeline.Node, Pipeline.Name, Signature, InstanceId, cancellationToken);
}
