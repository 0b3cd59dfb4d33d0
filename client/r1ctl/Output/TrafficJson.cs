using System.Text.Json;
using System.Text.Json.Nodes;
using Ratio1.Orleans.Contracts.Messages;

namespace Ratio1.Orleans.Cli.Output;

/// <summary>
/// The JSON form of live traffic: the whole message, camelCase, led by <c>eventType</c> (Ratio1's <c>EE_EVENT_TYPE</c>:
/// PAYLOAD, NOTIFICATION or HEARTBEAT) so a consumer of mixed lines can tell them apart.
/// </summary>
internal static class TrafficJson
{
    /// <exception cref="ArgumentException"><paramref name="message"/> is not a payload, notification or heartbeat.</exception>
    public static JsonObject From(object message)
    {
        var eventType = message switch
        {
            Payload => "PAYLOAD",
            Notification => "NOTIFICATION",
            Heartbeat => "HEARTBEAT",
            _ => throw new ArgumentException($"{message.GetType().Name} is not a traffic message.", nameof(message)),
        };
        var json = JsonSerializer.SerializeToNode(message, message.GetType(), JsonFormat.Compact)!.AsObject();
        json.Insert(0, "eventType", eventType);
        return json;
    }
}
