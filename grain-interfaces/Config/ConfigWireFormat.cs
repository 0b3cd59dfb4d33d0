using System.Buffers;
using System.Text.Json;

namespace Ratio1.Orleans.Contracts.Config;

/// <summary>Wire form of a <see cref="ConfigValue"/>: its compact UTF-8 JSON.</summary>
[GenerateSerializer, Immutable, Alias("r1.config-value.json")]
public readonly struct ConfigValueSurrogate
{
    [Id(0)] public readonly byte[] Utf8Json;

    public ConfigValueSurrogate(byte[] utf8Json) => Utf8Json = utf8Json;
}

/// <summary>Wire form of a <see cref="ConfigMap"/>: its compact UTF-8 JSON object.</summary>
[GenerateSerializer, Immutable, Alias("r1.config-map.json")]
public readonly struct ConfigMapSurrogate
{
    [Id(0)] public readonly byte[] Utf8Json;

    public ConfigMapSurrogate(byte[] utf8Json) => Utf8Json = utf8Json;
}

[RegisterConverter]
public sealed class ConfigValueSurrogateConverter : IConverter<ConfigValue, ConfigValueSurrogate>
{
    public ConfigValue ConvertFromSurrogate(in ConfigValueSurrogate surrogate) => ConfigJson.Parse(surrogate.Utf8Json);

    public ConfigValueSurrogate ConvertToSurrogate(in ConfigValue value) => new(ConfigWireFormat.ToUtf8(value));
}

[RegisterConverter]
public sealed class ConfigMapSurrogateConverter : IConverter<ConfigMap, ConfigMapSurrogate>
{
    public ConfigMap ConvertFromSurrogate(in ConfigMapSurrogate surrogate) => ConfigJson.Parse(surrogate.Utf8Json).Fields;

    public ConfigMapSurrogate ConvertToSurrogate(in ConfigMap value) => new(ConfigWireFormat.ToUtf8(ConfigValue.FromObject(value)));
}

internal static class ConfigWireFormat
{
    public static byte[] ToUtf8(ConfigValue value)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = RawTextJsonEncoder.Instance, SkipValidation = true }))
        {
            ConfigJson.WriteValue(writer, value);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
