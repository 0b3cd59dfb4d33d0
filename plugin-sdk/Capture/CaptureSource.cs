using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Pipelines;

namespace Ratio1.Orleans.Plugins;

/// <summary>
/// A pipeline's data capture source (its <c>TYPE</c>): it runs for as long as the pipeline does, publishing
/// <see cref="CaptureItem"/>s that feed every plugin instance of the pipeline. Returning from <see cref="RunAsync"/> means
/// the data is exhausted; throwing means it failed (Ratio1's <c>PIPELINE_FAILED</c>), and the runtime reconnects as
/// <c>RECONNECTABLE</c> says. Mark the class with <see cref="CaptureTypeAttribute"/>; give it a public parameterless
/// constructor. Derive from <see cref="CaptureSource{TSettings}"/> to declare the source's keys and their rules.
/// </summary>
public abstract class CaptureSource
{
    /// <summary>The schema of the keys every source understands (<see cref="CaptureSettings"/>).</summary>
    public static PluginConfigSchema CommonSchema { get; } = PluginConfigSchema.For<CaptureSettings>(PipelineKeys.Rules);

    /// <summary>
    /// The source's keys (pipeline-level), with their defaults and rules. The node registers the rules with its
    /// <c>TYPE</c>, and deploys check a pipeline's keys against them before anything is stored.
    /// </summary>
    public virtual PluginConfigSchema Schema => CommonSchema;

    /// <summary>Captures until <paramref name="cancellationToken"/> stops the pipeline or the data ends.</summary>
    public abstract Task RunAsync(ICaptureContext context, CancellationToken cancellationToken);

    /// <summary>
    /// A <c>PIPELINE_COMMAND</c>. Throwing reports it failed. A source takes none unless it overrides this (the runtime
    /// itself handles <c>RESTART</c> for every source), so a command nobody handles is reported as failed, not as done.
    /// </summary>
    public virtual ValueTask OnCommandAsync(ICaptureContext context, PluginCommand command, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"this source takes no pipeline command {command.Data.ToJson()} (every source understands RESTART)");

    /// <summary>
    /// The common keys of a pipeline of this source (the runtime's reconnect policy reads them), with this source's
    /// defaults for the keys the pipeline leaves out.
    /// </summary>
    public CaptureSettings CommonSettings(ConfigMap pipelineSettings) => CommonSchema.Bind<CaptureSettings>(Schema.Effective(pipelineSettings));
}
