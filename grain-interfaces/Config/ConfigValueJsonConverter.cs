using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ratio1.Orleans.Contracts.Config;

/// <summary>System.Text.Json support for <see cref="ConfigValue"/>: written and read as the JSON it represents.</summary>
public sealed class ConfigValueJsonConverter : JsonConverter<ConfigValue>
{
    public override bool HandleNull => true;

    public override ConfigValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return ConfigJson.FromWrittenElement(document.RootElement);
    }

    public override void Write(Utf8JsonWriter writer, ConfigValue value, JsonSerializerOptions options) =>
        ConfigJson.WriteValue(writer, value ?? ConfigValue.Null);
}
