using System.Buffers;
using System.Text;
using Ratio1.Orleans.Contracts.Commands;
using Ratio1.Orleans.Contracts.Config;

namespace Ratio1.Orleans.Contracts.Messages;

/// <summary>
/// How many bytes a message takes on the wire, measured without serializing it: configs and payload data cross the
/// wire as their compact UTF-8 JSON (<see cref="ConfigMapSurrogate"/>), whose length is computed here exactly, and
/// text fields as UTF-8. Cheap enough to run on every payload, and it allocates nothing, so refusing a 50 MB payload
/// does not cost another 50 MB.
/// </summary>
public static class MessageSize
{
    /// <summary>The default limit of one message (payload, notification, heartbeat, command, pushed input): about 1 MB.</summary>
    public const long DefaultLimit = 1_000_000;

    /// <summary>
    /// What a message costs beyond its text and data: field headers, numbers, ids, the timestamp. An allowance rather
    /// than an exact count (Orleans' encoding of those is a few dozen bytes), so the estimate errs on the large side.
    /// </summary>
    public const int Overhead = 128;

    // What the platform's JSON writer escapes (RawTextJsonEncoder): control characters, quote, backslash.
    private static readonly SearchValues<char> Escaped = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\"\\");

    /// <summary>Bytes of <paramref name="value"/>'s compact UTF-8 JSON, exactly as <see cref="ConfigJson.WriteUtf8"/> writes it.</summary>
    public static long Of(ConfigValue value) => value.Kind switch
    {
        ConfigValueKind.Null => 4,
        ConfigValueKind.Boolean => value.AsBoolean() ? 4 : 5,
        ConfigValueKind.Number => value.NumberLiteral.Length,
        ConfigValueKind.String => JsonString(value.AsString()),
        ConfigValueKind.Array => Array(value),
        _ => Of(value.Fields),
    };

    /// <summary>Bytes of <paramref name="map"/>'s compact UTF-8 JSON object.</summary>
    public static long Of(ConfigMap map)
    {
        long size = 2 + Math.Max(0, map.Count - 1);
        foreach (var (key, value) in map)
        {
            size += JsonString(key) + 1 + Of(value);
        }

        return size;
    }

    /// <summary>A payload on the wire: its data and envelope.</summary>
    public static long Of(Payload payload) => Overhead + Of(payload.Envelope) + Of(payload.Data);

    /// <summary>A notification on the wire: its texts and envelope.</summary>
    public static long Of(Notification notification) =>
        Overhead + Of(notification.Envelope) + Text(notification.Message) + Text(notification.Info) + Text(notification.Module);

    /// <summary>An instance command on the wire.</summary>
    public static long Of(InstanceCommand command) =>
        Overhead + Text(command.Pipeline) + Text(command.Signature) + Text(command.InstanceId) + Of(command.Data) + Of(command.Parameters)
        + Text(command.InitiatorId) + Text(command.SessionId);

    /// <summary>A pipeline command on the wire.</summary>
    public static long Of(PipelineCommand command) =>
        Overhead + Text(command.Pipeline) + Of(command.Data) + Of(command.Parameters) + Text(command.InitiatorId) + Text(command.SessionId);

    /// <summary>An input pushed into an <c>OnDemandInput</c> pipeline, on the wire.</summary>
    public static long Of(PipelineInput input) => Overhead + Text(input.Pipeline) + Of(input.Data) + Text(input.InitiatorId);

    /// <summary>The text fields of an envelope (its numbers, id and time are in <see cref="Overhead"/>).</summary>
    public static long Of(MessageEnvelope envelope) =>
        Text(envelope.NodeId) + Text(envelope.Pipeline) + Text(envelope.Signature) + Text(envelope.InstanceId)
        + Text(envelope.InitiatorId) + Text(envelope.ModifiedById) + Text(envelope.SessionId);

    /// <summary>UTF-8 bytes of a text field, with its length prefix.</summary>
    public static long Text(string? text) => text is null ? 1 : 5 + Encoding.UTF8.GetByteCount(text);

    private static long Array(ConfigValue value)
    {
        var items = value.Items;
        long size = 2 + Math.Max(0, items.Length - 1);
        foreach (var item in items)
        {
            size += Of(item);
        }

        return size;
    }

    // Quotes, UTF-8 text, and what escaping adds: 2 bytes for \" \\ \n \r \t \b \f, 6 for any other control character,
    // and 6 for an unpaired surrogate (written as its \uXXXX escape, where UTF-8 counts U+FFFD's 3).
    private static long JsonString(string text)
    {
        long size = 2 + Encoding.UTF8.GetByteCount(text);
        var rest = text.AsSpan();
        for (var i = rest.IndexOfAny(Escaped); i >= 0; i = rest.IndexOfAny(Escaped))
        {
            size += rest[i] is '"' or '\\' or '\n' or '\r' or '\t' or '\b' or '\f' ? 1 : 5;
            rest = rest[(i + 1)..];
        }

        var surrogates = text.AsSpan();
        for (var i = surrogates.IndexOfAnyInRange('\uD800', '\uDFFF'); i >= 0; i = surrogates.IndexOfAnyInRange('\uD800', '\uDFFF'))
        {
            if (char.IsHighSurrogate(surrogates[i]) && i + 1 < surrogates.Length && char.IsLowSurrogate(surrogates[i + 1]))
            {
                surrogates = surrogates[(i + 2)..];
                continue;
            }

            size += 3;
            surrogates = surrogates[(i + 1)..];
        }

        return size;
    }
}
