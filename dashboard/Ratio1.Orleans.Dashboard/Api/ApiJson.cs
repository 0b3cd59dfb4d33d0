using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using Ratio1.Orleans.Contracts.Config;

namespace Ratio1.Orleans.Dashboard.Api;

/// <summary>
/// How the API writes JSON: web defaults (camelCase), enums as strings, configs as plain Ratio1 JSON, NaN and
/// infinities as strings rather than a failure. The contract records are written as they are.
/// </summary>
public static class ApiJson
{
    /// <summary>The API's serializer options (read-only).</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = ContractJsonOptions.Create(JsonSerializerDefaults.Web);
        options.Converters.Add(new DefaultImmutableArrayConverterFactory());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    // A default (uninitialised) ImmutableArray in a record is written as [] rather than failing the response.
    private sealed class DefaultImmutableArrayConverterFactory : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) =>
            typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(ImmutableArray<>);

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

        private sealed class Converter<T> : JsonConverter<ImmutableArray<T>>
        {
            public override ImmutableArray<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
                [.. JsonSerializer.Deserialize<T[]>(ref reader, options) ?? []];

            public override void Write(Utf8JsonWriter writer, ImmutableArray<T> value, JsonSerializerOptions options) =>
                JsonSerializer.Serialize(writer, value.IsDefault ? [] : value.AsSpan().ToArray(), options);
        }
    }
}
