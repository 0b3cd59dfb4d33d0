using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Pipelines;

namespace Ratio1.Orleans.Plugins;

/// <summary>
/// A pipeline's data capture source (its <c>TYPE</c>): it runs for as long as the pipeline does, publishing
/// <see cref="CaptureItem"/>s that feed every plugin instance of the pipeline. Returning from <see cref="RunAsync"/> means
/// the data is exhausted; throwing means it failed (Ratio1's <c>PIPELINE_FAILED</c>), and the runtime reconnects as
/// <c>RECONNECTABLE</c> says. Mark the class with <see cref="CaptureTypeAttribute"/>; give it a public parameterless
/// constructor. Derive from <see cref="CaptureSource{TConfig}"/> to declare the source's keys and their rules, as a
/// plugin derives from <see cref="BusinessPlugin{TConfig}"/>.
/// </summary>
public abstract class CaptureSource
{
    /// <summary>The schema of the keys every source understands (<see cref="CaptureConfig"/>).</summary>
    public static PluginConfigSchema CommonSchema { get; } = PluginConfigSchema.For<CaptureConfig>(PipelineKeys.Rules);

    /// <summary>
    /// The source's keys (pipeline-level), with their defaults and rules. The node registers the rules with its
    /// <c>TYPE</c>, and deploys check a pipeline's keys against them before anything is stored.
    /// </summary>
    public virtual PluginConfigSchema Schema => CommonSchema;

    // The pipeline keys last bound, so a reconnect does not bind the same keys again under readers on other threads.
    private ConfigMap? _configured;

    /// <summary>Called with the effective config before <see cref="RunAsync"/> (typed sources bind it).</summary>
    public virtual void BindConfig(ConfigMap effective)
    {
    }

    /// <summary>
    /// Checks the pipeline's keys against <see cref="Schema"/> with the code a deploy runs (errors name each key and
    /// value the same way) and binds them (<see cref="BindConfig"/>). The runtime calls it before the source can be
    /// reached by inputs and commands, so <see cref="OnInput"/> and <see cref="OnCommandAsync"/> see the bound config.
    /// </summary>
    /// <exception cref="InvalidConfigException">A key breaks its rule (the runtime does not reconnect: the config must change).</exception>
    public void Configure(ConfigMap pipelineSettings)
    {
        BindConfig(Schema.Read(pipelineSettings));
        _configured = pipelineSettings;
    }

    /// <summary>
    /// What the runtime calls to run the source: configures it (<see cref="Configure"/>) unless it already holds the
    /// pipeline's current keys, then runs it.
    /// </summary>
    /// <exception cref="InvalidConfigException">A key breaks its rule (the runtime does not reconnect: the config must change).</exception>
    public Task StartAsync(ICaptureContext context, CancellationToken cancellationToken)
    {
        var settings = context.Pipeline.Settings;
        if (_configured is null || !_configured.Equals(settings))
        {
            Configure(settings);
        }

        return RunAsync(context, cancellationToken);
    }

    /// <summary>Captures until <paramref name="cancellationToken"/> stops the pipeline or the data ends.</summary>
    protected abstract Task RunAsync(ICaptureContext context, CancellationToken cancellationToken);

    /// <summary>
    /// A <c>PIPELINE_COMMAND</c>. Throwing reports <c>PIPELINE_FAILED</c> with the exception's message. The runtime
    /// itself handles <c>RESTART</c> for every source; any other command a source does not override this for is
    /// refused the same way a plugin refuses one (<see cref="PluginCommand.NotTaken"/>), so it never passes for done.
    /// </summary>
    public virtual ValueTask OnCommandAsync(ICaptureContext context, PluginCommand command, CancellationToken cancellationToken) =>
        throw command.NotTaken("this source", "pipeline command", "every source understands RESTART");

    /// <summary>
    /// An input handed to the pipeline rather than captured: pushed by a client, or a payload of one of the pipeline's
    /// <c>IS_LOOPBACK_PLUGIN</c> instances. A source that takes it publishes it (or what it makes of it) and returns
    /// true; the default takes none, so a client pushing to the pipeline is told its source takes no inputs and loopback
    /// payloads are dropped. Runs on the sender's thread: hand the input on, never block.
    /// </summary>
    public virtual bool OnInput(ICaptureContext context, CaptureInput input) => false;

    /// <summary>
    /// The common keys of a pipeline of this source (the runtime's reconnect policy reads them), with this source's
    /// defaults for the keys the pipeline leaves out.
    /// </summary>
    public CaptureConfig CommonConfig(ConfigMap pipelineSettings) => CommonSchema.Bind<CaptureConfig>(Schema.Effective(pipelineSettings));
}
