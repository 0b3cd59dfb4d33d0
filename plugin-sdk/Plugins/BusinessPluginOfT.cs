using Ratio1.Orleans.Contracts.Config;

namespace Ratio1.Orleans.Plugins;

/// <summary>
/// A business plugin with a typed config: <typeparamref name="TConfig"/>'s properties are its keys (upper-snake of
/// the property name, or <see cref="ConfigKeyAttribute.Key"/>), their initial values the defaults and their types and
/// <see cref="ConfigKeyAttribute"/> the validation rules. <see cref="Config"/> is bound before every hook.
/// </summary>
public abstract class BusinessPlugin<TConfig> : BusinessPlugin
    where TConfig : class, new()
{
    private static readonly PluginConfigSchema SchemaOfConfig = PluginConfigSchema.For<TConfig>();

    /// <inheritdoc />
    public sealed override PluginConfigSchema Schema => SchemaOfConfig;

    /// <summary>The instance's current config, typed.</summary>
    protected TConfig Config { get; private set; } = new();

    /// <inheritdoc />
    public sealed override void BindConfig(ConfigMap effective) => Config = SchemaOfConfig.Bind<TConfig>(effective);
}
