using System.Buffers;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ratio1.Orleans.Contracts.Config;

namespace Ratio1.Orleans.Grains.Pipelines.History;

/// <summary>
/// The canonical form the history chain hashes: JSON with object keys sorted (ordinal), no whitespace, numbers as
/// their literal text and strings escaped only where JSON requires it. The same value always gives the same bytes,
/// whatever key order or spacing a database hands back.
/// </summary>
internal static class ChainCanon
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    /// <summary>Lowercase hex SHA-256 of the canonical form of <paramref name="node"/>.</summary>
    public static string Sha256(JsonNode? node)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            Write(writer, node);
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    /// <summary>Lowercase hex SHA-256 of the canonical form of a config value (written straight from the value: no JSON text in between).</summary>
    public static string Sha256(ConfigValue value)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            Write(writer, value);
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    private static void Write(Utf8JsonWriter writer, ConfigValue value)
    {
        switch (value.Kind)
        {
            case ConfigValueKind.Object:
                writer.WriteStartObject();
                foreach (var (key, field) in value.Fields.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    Write(writer, field);
                }

                writer.WriteEndObject();
                break;
            case ConfigValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.Items)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case ConfigValueKind.String:
                writer.WriteStringValue(value.AsString());
                break;
            case ConfigValueKind.Number:
                writer.WriteRawValue(value.NumberLiteral);
                break;
            case ConfigValueKind.Boolean:
                writer.WriteBooleanValue(value.AsBoolean());
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    private static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    Write(writer, value);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                // Numbers keep their literal text (no float re-formatting); strings and literals are written as parsed.
                node.WriteTo(writer);
                break;
        }
    }
}
