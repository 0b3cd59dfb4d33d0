using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Messages;

namespace Ratio1.Orleans.Dashboard.Feed;

/// <summary>
/// Writes the live feed's server-sent events: <c>event: KIND</c> and one <c>data:</c> line of compact JSON (System.Text.Json
/// web defaults: camelCase, enums as strings; a payload's keys as the plugin wrote them). A payload string longer than
/// <see cref="FeedOptions.FeedFieldMaxChars"/> is cut, and its path listed in the event's <c>cut</c>, so one huge binary
/// field cannot stall the page; strings under an <c>IMG</c> key (a base64 image the page shows) are kept whole.
/// </summary>
public sealed class FeedJson(IOptions<FeedOptions> options)
{
    /// <summary>The options the feed's JSON is written with (also for reading it back, e.g. in tests).</summary>
    public static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(), new ConfigMapJsonConverter(), new ConfigValueJsonConverter() },
    };

    private readonly int _maxChars = Math.Max(1, options.Value.FeedFieldMaxChars);

    /// <summary><c>heartbeat</c>: <c>{ node, view }</c>.</summary>
    public byte[] Heartbeat(string node, HeartbeatView view) =>
        Frame("heartbeat", writer => JsonSerializer.Serialize(writer, new HeartbeatEvent(node, view), SerializerOptions));

    /// <summary><c>notification</c>: the Notification contract.</summary>
    public byte[] Notification(Notification notification) =>
        Frame("notification", writer => JsonSerializer.Serialize(writer, notification, SerializerOptions));

    /// <summary><c>payload</c>: <c>{ envelope, data, cut? }</c>, the Payload contract with over-long strings cut.</summary>
    public byte[] Payload(Payload payload) => Frame("payload", writer =>
    {
        List<string>? cut = null;
        writer.WriteStartObject();
        writer.WritePropertyName("envelope");
        JsonSerializer.Serialize(writer, payload.Envelope, SerializerOptions);
        writer.WritePropertyName("data");
        WriteValue(writer, ConfigValue.FromObject(payload.Data), "data", image: false, ref cut);
        if (cut is not null)
        {
            writer.WriteStartArray("cut");
            foreach (var path in cut)
            {
                writer.WriteStringValue(path);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    });

    /// <summary><c>dropped</c>: <c>{ count, total }</c>.</summary>
    public static byte[] Dropped(long count, long total) => Frame("dropped", writer =>
    {
        writer.WriteStartObject();
        writer.WriteNumber("count", count);
        writer.WriteNumber("total", total);
        writer.WriteEndObject();
    });

    /// <summary>A key whose strings are images the page shows: <c>IMG</c>, or one ending in <c>_IMG</c>.</summary>
    public static bool IsImageKey(string key) =>
        key.Equals("IMG", StringComparison.OrdinalIgnoreCase) || key.EndsWith("_IMG", StringComparison.OrdinalIgnoreCase);

    private static byte[] Frame(string eventName, Action<Utf8JsonWriter> writeData)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Write(buffer, "event: ");
        Write(buffer, eventName);
        Write(buffer, "\ndata: ");
        // Compact JSON has no raw line break (they are escaped inside strings), so the data is one line.
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writeData(writer);
        }

        Write(buffer, "\n\n");
        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(ArrayBufferWriter<byte> buffer, string ascii)
    {
        var span = buffer.GetSpan(ascii.Length);
        for (var i = 0; i < ascii.Length; i++)
        {
            span[i] = (byte)ascii[i];
        }

        buffer.Advance(ascii.Length);
    }

    private void WriteValue(Utf8JsonWriter writer, ConfigValue value, string path, bool image, ref List<string>? cut)
    {
        switch (value.Kind)
        {
            case ConfigValueKind.String when !image && value.AsString().Length > _maxChars:
                var text = value.AsString();
                // Never split a surrogate pair.
                var keep = char.IsHighSurrogate(text[_maxChars - 1]) ? _maxChars - 1 : _maxChars;
                writer.WriteStringValue(string.Concat(text.AsSpan(0, keep), string.Create(CultureInfo.InvariantCulture, $"… [cut by the dashboard feed: {text.Length} characters in all]")));
                (cut ??= []).Add(path);
                break;
            case ConfigValueKind.Array:
                writer.WriteStartArray();
                var index = 0;
                foreach (var item in value.Items)
                {
                    WriteValue(writer, item, string.Create(CultureInfo.InvariantCulture, $"{path}[{index++}]"), image, ref cut);
                }

                writer.WriteEndArray();
                break;
            case ConfigValueKind.Object:
                writer.WriteStartObject();
                foreach (var (key, field) in value.Fields)
                {
                    writer.WritePropertyName(key);
                    WriteValue(writer, field, $"{path}.{key}", image || IsImageKey(key), ref cut);
                }

                writer.WriteEndObject();
                break;
            default:
                ConfigJson.WriteValue(writer, value);
                break;
        }
    }

    private sealed record HeartbeatEvent(string Node, HeartbeatView View);
}
