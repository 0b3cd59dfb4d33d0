namespace Ratio1.Orleans.Plugins;

/// <summary>
/// A pipeline's data capture source (its <c>TYPE</c>): it runs for as long as the pipeline does, publishing
/// <see cref="CaptureItem"/>s that feed every plugin instance of the pipeline. Returning from <see cref="RunAsync"/> means
/// the data is exhausted; throwing means it failed (Ratio1's <c>PIPELINE_FAILED</c>), and the runtime reconnects as
/// <c>RECONNECTABLE</c> says. Mark the class with <see cref="CaptureTypeAttribute"/>; give it a public parameterless constructor.
/// </summary>
public abstract class CaptureSource
{
    /// <summary>The source's keys (pipeline-level), with their defaults and rules.</summary>
    public virtual PluginConfigSchema Schema => PluginConfigSchema.Empty;

    /// <summary>Captures until <paramref name="cancellationToken"/> stops the pipeline or the data ends.</summary>
    public abstract Task RunAsync(ICaptureContext context, CancellationToken cancellationToken);

    /// <summary>A <c>PIPELINE_COMMAND</c>. Throwing reports it failed.</summary>
    public virtual ValueTask OnCommandAsync(ICaptureContext context, PluginCommand command, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
