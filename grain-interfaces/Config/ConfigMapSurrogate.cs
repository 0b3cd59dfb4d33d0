namespace Ratio1.Orleans.Contracts.Config;

/// <summary>Wire form of a <see cref="ConfigMap"/>: its compact UTF-8 JSON object.</summary>
[GenerateSerializer, Immutable, Alias("r1.config-map.json")]
public readonly struct ConfigMapSurrogate
{
    [Id(0)] public readonly byte[] Utf8Json;

    public ConfigMapSurrogate(byte[] utf8Json) => Utf8Json = utf8Json;
}

/// <summary>Converts <see cref="ConfigMap"/> to and from its wire form.</summary>
[RegisterConverter]
public sealed class ConfigMapSurrogateConverter : IConverter<ConfigMap, ConfigMapSurrogate>
{
    public ConfigMap ConvertFromSurrogate(in ConfigMapSurrogate surrogate) => ConfigJson.ParseWire(surrogate.Utf8Json).Fields;

    public ConfigMapSurrogate ConvertToSurrogate(in ConfigMap value) => new(ConfigJson.WriteUtf8(ConfigValue.FromObject(value)));
}
