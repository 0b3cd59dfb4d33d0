using System.Buffers;
using System.Text;
using System.Text.Json;
using Ratio1.Orleans.Contracts.Errors;

namespace Ratio1.Orleans.Contracts.Config;

/// <summary>
/// JSON text ⇄ <see cref="ConfigValue"/>. Number literals are kept verbatim, non-ASCII text is written raw (as Ratio1's
/// Python side does), and a repeated key in one object is an error rather than a silent overwrite. Text that is not
/// Unicode is never rewritten: an unpaired surrogate is written as its <c>\uXXXX</c> escape, and parsing refuses it, or
/// invalid UTF-8, naming the field (the wire form alone keeps it, so that whoever validates can refuse it).
/// </summary>
public static class ConfigJson
{
    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 128,
    };

    private static readonly JsonWriterOptions CompactWriter = new()
    {
        Encoder = RawTextJsonEncoder.Instance,
        Indented = false,
        SkipValidation = true,
    };

    private static readonly JsonWriterOptions IndentedWriter = new()
    {
        Encoder = RawTextJsonEncoder.Instance,
        Indented = true,
        SkipValidation = true,
    };

    /// <summary>
    /// Parses any JSON value. Malformed text throws <see cref="InvalidConfigException"/> naming the line and position;
    /// a string or key holding an unpaired surrogate (raw or escaped) throws it naming the field.
    /// </summary>
    public static ConfigValue Parse(string json) => Parse(JsonTextUtf8.Encode(json ?? throw new ArgumentNullException(nameof(json))));

    /// <summary>Parses any JSON value from UTF-8 bytes; invalid UTF-8 or an escaped unpaired surrogate throws <see cref="InvalidConfigException"/> naming the field.</summary>
    public static ConfigValue Parse(ReadOnlySpan<byte> utf8) => Parse(utf8, strict: true);

    /// <summary>Parses the wire form, which keeps unpaired surrogates as escapes: read back as they were sent.</summary>
    internal static ConfigValue ParseWire(ReadOnlySpan<byte> utf8) => Parse(utf8, strict: false);

    private static ConfigValue Parse(ReadOnlySpan<byte> utf8, bool strict)
    {
        if (utf8.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            utf8 = utf8[3..];
        }

        var reader = new Utf8JsonReader(utf8, ReaderOptions);
        try
        {
            if (!reader.Read())
            {
                throw new InvalidConfigException("$", null, "the document is empty; expected a JSON value");
            }

            var value = ReadValue(ref reader, "$", strict);
            if (reader.Read())
            {
                throw new InvalidConfigException("$", null, "unexpected content after the JSON value");
            }

            return value;
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var position = (e.BytePositionInLine ?? 0) + 1;
            throw new InvalidConfigException("$", null, $"malformed JSON at line {line}, position {position}: {FirstSentence(e.Message)}");
        }
    }

    /// <summary>Parses a JSON document that must be an object.</summary>
    public static ConfigMap ParseObject(string json)
    {
        var value = Parse(json);
        return value.Kind == ConfigValueKind.Object
            ? value.Fields
            : throw new InvalidConfigException("$", Shorten(value.ToJson()), $"expected a JSON object but found a {ConfigValue.KindName(value.Kind)}");
    }

    /// <summary>Converts a <see cref="JsonElement"/>.</summary>
    public static ConfigValue FromElement(JsonElement element) => Parse(Encoding.UTF8.GetBytes(element.GetRawText()));

    /// <summary>Converts JSON this code wrote (stored state): read back exactly, unpaired surrogates included.</summary>
    internal static ConfigValue FromWrittenElement(JsonElement element) => ParseWire(Encoding.UTF8.GetBytes(element.GetRawText()));

    /// <summary>Writes a value as JSON text.</summary>
    public static string Write(ConfigValue value, bool indented = false) => Encoding.UTF8.GetString(WriteBuffer(value, indented).WrittenSpan);

    /// <summary>Writes a value as compact UTF-8 JSON.</summary>
    public static byte[] WriteUtf8(ConfigValue value) => WriteBuffer(value, indented: false).WrittenSpan.ToArray();

    /// <summary>Writes a value into an existing JSON writer.</summary>
    public static void WriteValue(Utf8JsonWriter writer, ConfigValue value)
    {
        switch (value.Kind)
        {
            case ConfigValueKind.Null:
                writer.WriteNullValue();
                break;
            case ConfigValueKind.Boolean:
                writer.WriteBooleanValue(value.AsBoolean());
                break;
            case ConfigValueKind.Number:
                writer.WriteRawValue(value.NumberLiteral, skipInputValidation: true);
                break;
            case ConfigValueKind.String when StorableText.FindUnpairedSurrogate(value.AsString()) >= 0:
                // The writer would replace it with U+FFFD.
                writer.WriteRawValue(JsonStrings.Quote(value.AsString()), skipInputValidation: true);
                break;
            case ConfigValueKind.String:
                writer.WriteStringValue(value.AsString());
                break;
            case ConfigValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.Items)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            case ConfigValueKind.Object when value.Fields.HasKeyWithUnpairedSurrogate():
                // A property name cannot be written raw: the whole object is.
                writer.WriteRawValue(WriteEscaped(value, new StringBuilder()).ToString(), skipInputValidation: true);
                break;
            case ConfigValueKind.Object:
                writer.WriteStartObject();
                foreach (var (key, field) in value.Fields)
                {
                    writer.WritePropertyName(key);
                    WriteValue(writer, field);
                }

                writer.WriteEndObject();
                break;
        }
    }

    /// <summary>JSON text cut to a length that reads well in an error message.</summary>
    public static string Shorten(string json) => json.Length <= 200 ? json : json[..197] + "...";

    // Compact JSON of a value whose keys hold unpaired surrogates, escaped as JsonStrings does.
    private static StringBuilder WriteEscaped(ConfigValue value, StringBuilder text)
    {
        switch (value.Kind)
        {
            case ConfigValueKind.Array:
                text.Append('[');
                for (var i = 0; i < value.Items.Length; i++)
                {
                    WriteEscaped(value.Items[i], i == 0 ? text : text.Append(','));
                }

                return text.Append(']');
            case ConfigValueKind.Object:
                text.Append('{');
                var first = true;
                foreach (var (key, field) in value.Fields)
                {
                    (first ? text : text.Append(',')).Append(JsonStrings.Quote(key)).Append(':');
                    WriteEscaped(field, text);
                    first = false;
                }

                return text.Append('}');
            case ConfigValueKind.String:
                return text.Append(JsonStrings.Quote(value.AsString()));
            default:
                return text.Append(value.RawText.Length == 0 ? "null" : value.RawText);
        }
    }

    private static ArrayBufferWriter<byte> WriteBuffer(ConfigValue value, bool indented)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using var writer = new Utf8JsonWriter(buffer, indented ? IndentedWriter : CompactWriter);
        WriteValue(writer, value);
        writer.Flush();
        return buffer;
    }

    private static ConfigValue ReadValue(ref Utf8JsonReader reader, string path, bool strict)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return ConfigValue.Null;
            case JsonTokenType.True:
                return ConfigValue.True;
            case JsonTokenType.False:
                return ConfigValue.False;
            case JsonTokenType.String:
                return ConfigValue.FromString(ReadString(ref reader, strict, text => path, string.Empty));
            case JsonTokenType.Number:
                return ConfigValue.FromNumberLiteral(Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan));
            case JsonTokenType.StartArray:
                {
                    var items = new List<ConfigValue>();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        items.Add(ReadValue(ref reader, $"{path}[{items.Count}]", strict));
                    }

                    return ConfigValue.FromArray(items);
                }

            case JsonTokenType.StartObject:
                {
                    var builder = new ConfigMap.Builder();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                    {
                        var key = ReadString(ref reader, strict, text => FieldPath(path, text), "the key ");
                        var fieldPath = FieldPath(path, key);
                        if (builder.ContainsKey(key))
                        {
                            throw new InvalidConfigException(fieldPath, null, "the key appears more than once in the same object");
                        }

                        reader.Read();
                        builder.Set(key, ReadValue(ref reader, fieldPath, strict));
                    }

                    return ConfigValue.FromObject(builder.ToMap());
                }

            default:
                throw new JsonException($"Unexpected token {reader.TokenType}.");
        }
    }

    private static string FieldPath(string path, string key) => path == "$" ? StorableText.PathKey(key) : $"{path}.{StorableText.PathKey(key)}";

    // System.Text.Json refuses to read an escaped unpaired surrogate or invalid UTF-8 (InvalidOperationException):
    // both are reported naming the field, except that the wire form keeps unpaired surrogates as they were sent.
    private static string ReadString(ref Utf8JsonReader reader, bool strict, Func<string, string> fieldOf, string subject)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            var raw = reader.ValueSpan;
            var text = JsonStrings.Unescape(raw, out var invalidAt);
            if (invalidAt >= 0)
            {
                throw new InvalidConfigException(fieldOf(text), null,
                    $"{subject}contains invalid UTF-8 (byte 0x{raw[invalidAt]:X2} at byte offset {reader.TokenStartIndex + 1 + invalidAt})".TrimStart());
            }

            if (!strict)
            {
                return text;
            }

            throw new InvalidConfigException(fieldOf(text), Shorten(JsonStrings.Quote(text)), subject + (StorableText.CheckEncodable(text) ?? "is not valid text"));
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.');
    }
}
