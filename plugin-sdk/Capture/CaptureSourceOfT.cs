using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Pipelines;

namespace Ratio1.Orleans.Plugins;

/// <summary>
/// A capture source with typed settings: <typeparamref name="TSettings"/>'s properties are its pipeline-level keys
/// (upper-snake of the property name, or <see cref="ConfigKeyAttribute.Key"/>), their initial values the defaults and
/// their types and <see cref="ConfigKeyAttribute"/> the rules; the keys every source understands come from
/// <see cref="CaptureSettings"/>. The rules are declared once and checked twice with the same code: at deploy (the
/// node registers them with its <c>TYPE</c>, so a bad key is refused before anything is stored) and when the source
/// starts, before <see cref="RunAsync(ICaptureContext, TSettings, CancellationToken)"/> gets the bound settings.
/// </summary>
public abstract class CaptureSource<TSettings> : CaptureSource
    where TSettings : CaptureSettings, new()
{
    private static readonly PluginConfigSchema SchemaOfSettings = PluginConfigSchema.For<TSettings>(PipelineKeys.Rules);

    /// <inheritdoc />
    public sealed override PluginConfigSchema Schema => SchemaOfSettings;

    /// <summary>Checks the pipeline's keys against the rules, binds them, and runs the source with them.</summary>
    /// <exception cref="InvalidConfigException">A key breaks its rule (the runtime does not reconnect: the config must change).</exception>
    public sealed override Task RunAsync(ICaptureContext context, CancellationToken cancellationToken) =>
        RunAsync(context, ReadSettings(context.Pipeline.Settings), cancellationToken);

    /// <summary>
    /// The pipeline's keys, checked against the rules and bound (keys the pipeline leaves out keep their defaults).
    /// Errors name each key and value, as a deploy does.
    /// </summary>
    /// <exception cref="InvalidConfigException">A key breaks its rule.</exception>
    public static TSettings ReadSettings(ConfigMap pipelineSettings)
    {
        var errors = new List<ConfigError>();
        SchemaOfSettings.Rules.Validate(pipelineSettings, string.Empty, errors);
        return errors.Count > 0
            ? throw new InvalidConfigException(errors)
            : SchemaOfSettings.Bind<TSettings>(SchemaOfSettings.Effective(pipelineSettings));
    }

    /// <summary>Captures with <paramref name="settings"/> until <paramref name="cancellationToken"/> stops the pipeline or the data ends.</summary>
    protected abstract Task RunAsync(ICaptureContext context, TSettings settings, CancellationToken cancellationToken);
}
