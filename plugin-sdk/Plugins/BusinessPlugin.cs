using Ratio1.Orleans.Contracts.Config;

namespace Ratio1.Orleans.Plugins;

/// <summary>
/// A business plugin: one object per running instance, driven by the node runtime's loop (Ratio1's lifecycle):
/// <see cref="OnInitAsync"/> once, then <see cref="ProcessAsync"/> every <c>PROCESS_DELAY</c> (with the inputs its
/// capture source delivered), <see cref="OnCommandAsync"/> for each <c>INSTANCE_COMMAND</c>,
/// <see cref="OnConfigAsync"/> after a live config change, <see cref="OnPauseAsync"/>/<see cref="OnResumeAsync"/>
/// around <c>FORCED_PAUSE</c>, and <see cref="OnCloseAsync"/> when it stops. The runtime never calls two hooks of one
/// instance at the same time. Hooks must not block: await instead.
/// Mark the class with <see cref="PluginAttribute"/>; give it a public parameterless constructor.
/// </summary>
public abstract class BusinessPlugin
{
    /// <summary>The instance's config schema: rules and defaults (none by default; see <see cref="BusinessPlugin{TConfig}"/>).</summary>
    public virtual PluginConfigSchema Schema => PluginConfigSchema.Empty;

    /// <summary>Called by the runtime with the effective config before any hook runs under it (typed plugins bind it).</summary>
    public virtual void BindConfig(ConfigMap effective)
    {
    }

    /// <summary>Once, before the first <see cref="ProcessAsync"/>.</summary>
    public virtual ValueTask OnInitAsync(IPluginContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>
    /// One execution: <paramref name="inputs"/> holds what the capture source delivered since the last one (empty on
    /// a <c>Void</c> pipeline, or when <c>ALLOW_EMPTY_INPUTS</c> lets it run without). Send results with
    /// <see cref="IPluginContext.EmitPayload"/>. An exception is reported and retried with a back-off; the instance keeps running.
    /// </summary>
    public abstract ValueTask ProcessAsync(IPluginContext context, IReadOnlyList<CaptureItem> inputs, CancellationToken cancellationToken);

    /// <summary>
    /// An <c>INSTANCE_COMMAND</c>. Throwing reports <c>PLUGIN_INSTANCE_COMMAND_FAILED</c> with the exception's message.
    /// A plugin that does not override this refuses every command (<see cref="PluginCommand.NotTaken"/>), as a capture
    /// source does, so a command nobody handles never passes for done.
    /// </summary>
    public virtual ValueTask OnCommandAsync(IPluginContext context, PluginCommand command, CancellationToken cancellationToken) =>
        throw command.NotTaken("this plugin", "instance command");

    /// <summary>After a live config change (already validated). Throwing rolls the change back.</summary>
    public virtual ValueTask OnConfigAsync(IPluginContext context, ConfigMap previous, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>When <c>FORCED_PAUSE</c> is set.</summary>
    public virtual ValueTask OnPauseAsync(IPluginContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>When <c>FORCED_PAUSE</c> is cleared.</summary>
    public virtual ValueTask OnResumeAsync(IPluginContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Once, when the instance stops (removed, pipeline archived, node shutting down).</summary>
    public virtual ValueTask OnCloseAsync(IPluginContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
