using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Pipelines;

namespace Ratio1.Orleans.Plugins;

/// <summary>
/// A capture source with a typed config, shaped as <see cref="BusinessPlugin{TConfig}"/>: <typeparamref name="TConfig"/>'s
/// properties are its pipeline-level keys (upper-snake of the property name, or <see cref="ConfigKeyAttribute.Key"/>),
/// their initial values the defaults and their types and <see cref="ConfigKeyAttribute"/> the rules; the keys every
/// source understands come from <see cref="CaptureConfig"/>. The rules are declared once and checked twice with the
/// same code: at deploy (the node registers them with its <c>TYPE</c>, so a bad key is refused before anything is
/// stored) and when the source starts. <see cref="Config"/> is bound before <see cref="CaptureSource.RunAsync"/>.
/// </summary>
public abstract class CaptureSource<TConfig> : CaptureSource
    where TConfig : CaptureConfig, new()
{
    private static readonly PluginConfigSchema SchemaOfConfig = PluginConfigSchema.For<TConfig>(PipelineKeys.Rules);

    /// <inheritdoc />
    public sealed override PluginConfigSchema Schema => SchemaOfConfig;

    /// <summary>The pipeline's current config, typed.</summary>
    protected TConfig Config { get; private set; } = new();

    /// <inheritdoc />
    public sealed override void BindConfig(ConfigMap effective) => Config = SchemaOfConfig.Bind<TConfig>(effective);
}
