using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using Ratio1.Orleans.Contracts.Config;

namespace Ratio1.Orleans.Contracts.Security;

/// <summary>
/// How a call's arguments appear in its signed document: this platform's contracts and plain values as JSON (configs
/// exactly as their JSON); anything else (Orleans' own types, e.g. the stream id of a subscription) by its text form.
/// </summary>
internal static class CallArguments
{
    // Built once and never changed afterwards (System.Text.Json freezes options on first use).
    private static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new ConfigMapJsonConverter(), new ConfigValueJsonConverter(), new JsonStringEnumConverter(), new DefaultImmutableArrayConverterFactory() },
    };

    public static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                return;
            case string text:
                writer.WriteStringValue(text);
                return;
            case bool flag:
                writer.WriteBooleanValue(flag);
                return;
        }

        var type = value.GetType();
        if (type.IsPrimitive || type.IsEnum || value is decimal or Guid or DateTimeOffset or DateTime or TimeSpan
            || type.Namespace?.StartsWith("Ratio1.", StringComparison.Ordinal) == true
            || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>)))
        {
            JsonSerializer.Serialize(writer, value, type, Options);
            return;
        }

        writer.WriteStringValue(value.ToString());
    }

    /// <summary>Writes a default (uninitialised) ImmutableArray as null, which System.Text.Json cannot do.</summary>
    private sealed class DefaultImmutableArrayConverterFactory : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) =>
            typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(ImmutableArray<>);

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

        private sealed class Converter<T> : JsonConverter<ImmutableArray<T>>
        {
            public override ImmutableArray<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
                reader.TokenType == JsonTokenType.Null ? default : [.. JsonSerializer.Deserialize<T[]>(ref reader, options) ?? []];

            public override void Write(Utf8JsonWriter writer, ImmutableArray<T> value, JsonSerializerOptions options)
            {
                if (value.IsDefault)
                {
                    writer.WriteNullValue();
                    return;
                }

                writer.WriteStartArray();
                foreach (var item in value)
                {
                    JsonSerializer.Serialize(writer, item, options);
                }

                writer.WriteEndArray();
            }
        }
    }
}
