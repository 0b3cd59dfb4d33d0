using System.Collections.Immutable;
using Ratio1.Orleans.Contracts.Config;

namespace Ratio1.Orleans.Contracts.Pipelines;

/// <summary>One <c>PLUGINS</c> block: a plugin <c>SIGNATURE</c> and its <c>INSTANCES</c>.</summary>
[GenerateSerializer, Immutable, Alias("r1.plugin-config")]
public sealed record PluginConfig
{
    public PluginConfig(string signature, ImmutableArray<InstanceConfig> instances, ConfigMap? settings = null)
    {
        Signature = signature;
        Instances = instances.IsDefault ? [] : instances;
        Settings = settings ?? ConfigMap.Empty;
    }

    [Id(0)] public string Signature { get; }

    [Id(1)] public ImmutableArray<InstanceConfig> Instances { get; }

    /// <summary>Any other keys of the block, kept for round-trips.</summary>
    [Id(2)] public ConfigMap Settings { get; }

    /// <summary>The instance with <paramref name="instanceId"/>, or null.</summary>
    public InstanceConfig? FindInstance(string instanceId) => Instances.FirstOrDefault(i => i.InstanceId == instanceId);

    /// <summary>The block as a Ratio1 JSON object.</summary>
    public ConfigMap ToMap() => ConfigMap.Empty
        .SetItem(PluginBlockKeys.Signature, Signature)
        .SetItems(Settings)
        .SetItem(PluginBlockKeys.Instances, ConfigValue.FromArray(Instances.Select(i => ConfigValue.FromObject(i.ToMap()))));

    public bool Equals(PluginConfig? other) =>
        other is not null && Signature == other.Signature && Settings.Equals(other.Settings) && Instances.SequenceEqual(other.Instances);

    public override int GetHashCode() => HashCode.Combine(Signature, Instances.Length);
}
