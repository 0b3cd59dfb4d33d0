using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ratio1.Orleans.Contracts.Config;

/// <summary>System.Text.Json support for <see cref="ConfigMap"/>: written and read as a JSON object.</summary>
public sealed class ConfigMapJsonConverter : JsonConverter<ConfigMap>
{
    public override ConfigMap Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var value = ConfigJson.FromWrittenElement(document.RootElement);
        return value.Kind == ConfigValueKind.Object ? value.Fields : throw new JsonException($"Expected a JSON object but found a {ConfigValue.KindName(value.Kind)}.");
    }

    public override void Write(Utf8JsonWriter writer, ConfigMap value, JsonSerializerOptions options) =>
        ConfigJson.WriteValue(writer, ConfigValue.FromObject(value));
}
