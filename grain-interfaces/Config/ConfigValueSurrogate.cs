namespace Ratio1.Orleans.Contracts.Config;

/// <summary>Wire form of a <see cref="ConfigValue"/>: its compact UTF-8 JSON.</summary>
[GenerateSerializer, Immutable, Alias("r1.config-value.json")]
public readonly struct ConfigValueSurrogate
{
    [Id(0)] public readonly byte[] Utf8Json;

    public ConfigValueSurrogate(byte[] utf8Json) => Utf8Json = utf8Json;
}

/// <summary>Converts <see cref="ConfigValue"/> to and from its wire form.</summary>
[RegisterConverter]
public sealed class ConfigValueSurrogateConverter : IConverter<ConfigValue, ConfigValueSurrogate>
{
    public ConfigValue ConvertFromSurrogate(in ConfigValueSurrogate surrogate) => ConfigJson.ParseWire(surrogate.Utf8Json);

    public ConfigValueSurrogate ConvertToSurrogate(in ConfigValue value) => new(ConfigJson.WriteUtf8(value));
}
