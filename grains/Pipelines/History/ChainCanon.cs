using System.Buffers;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

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
