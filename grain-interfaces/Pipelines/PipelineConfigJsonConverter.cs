using System.Text.Json;
using System.Text.Json.Serialization;
using Ratio1.Orleans.Contracts.Config;

namespace Ratio1.Orleans.Contracts.Pipelines;

/// <summary>
/// System.Text.Json support for <see cref="PipelineConfig"/> in its Ratio1 JSON form. Reading checks structure only
/// (<see cref="PipelineConfigReader.ReadStored"/>): it is meant for configs that were validated when stored.
/// </summary>
public sealed class PipelineConfigJsonConverter : JsonConverter<PipelineConfig>
{
    public override PipelineConfig Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var value = ConfigJson.FromWrittenElement(document.RootElement);
        return value.Kind == ConfigValueKind.Object
            ? PipelineConfigReader.ReadStored(value.Fields)
            : throw new JsonException($"Expected a pipeline object but found a {ConfigValue.KindName(value.Kind)}.");
    }

    public override void Write(Utf8JsonWriter writer, PipelineConfig value, JsonSerializerOptions options) => value.WriteTo(writer);
}
