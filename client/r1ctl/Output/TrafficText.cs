using System.Globalization;
using Ratio1.Orleans.Contracts.Messages;

namespace Ratio1.Orleans.Cli.Output;

/// <summary>
/// The human form of live traffic: one line per message, time first, then its kind and where it comes from, e.g.
/// <c>12:00:01.123 PAYLOAD edge-01/p1/ECHO_01/e1 #42 {"MESSAGE":"hi"}</c>.
/// </summary>
internal static class TrafficText
{
    // Enough for a typical payload; a busy pipeline with large payloads still scrolls one message per line.
    public const int DataWidth = 160;

    /// <exception cref="ArgumentException"><paramref name="message"/> is not a payload, notification or heartbeat.</exception>
    public static string Line(object message) => message switch
    {
        Payload p => $"{Timestamps.TimeOfDay(p.Envelope.Timestamp)} PAYLOAD {Path(p.Envelope)} #{p.Envelope.Sequence} {Shorten(p.Data.ToJson())}",
        Notification n => $"{Timestamps.TimeOfDay(n.Envelope.Timestamp)} NOTIFICATION {Path(n.Envelope)} {n.Tag} {OneLine(n.Message)}",
        Heartbeat h => Line(h),
        _ => throw new ArgumentException($"{message.GetType().Name} is not a traffic message.", nameof(message)),
    };

    private static string Line(Heartbeat h) => string.Create(CultureInfo.InvariantCulture,
        $"{Timestamps.TimeOfDay(h.Envelope.Timestamp)} HEARTBEAT {h.Envelope.NodeId} cpu {h.CpuUsedPercent:0}% " +
        $"mem {h.MachineMemoryGb - h.AvailableMemoryGb:0.0}/{h.MachineMemoryGb:0.0} GiB instances {(h.ActivePlugins.IsDefault ? 0 : h.ActivePlugins.Length)}" +
        $"{Traffic(h.Traffic)}");

    // Counts since the node's silo started; drops listed only when there are any.
    private static string Traffic(TrafficStats? traffic)
    {
        if (traffic is null)
        {
            return string.Empty;
        }

        var text = string.Create(CultureInfo.InvariantCulture, $" sent {traffic.Published:N0}");
        if (traffic.Dropped == 0)
        {
            return text;
        }

        var reasons = new[] { ("too big", traffic.DroppedTooBig), ("backlog full", traffic.DroppedBacklogFull), ("no subscriber", traffic.DroppedNoSubscriber), ("expired", traffic.DroppedExpired) }
            .Where(r => r.Item2 > 0)
            .Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Item2:N0} {r.Item1}"));
        return text + string.Create(CultureInfo.InvariantCulture, $" dropped {traffic.Dropped:N0} ({string.Join(", ", reasons)})");
    }

    /// <summary>The message's path, as far as it goes: node, pipeline, signature, instance.</summary>
    private static string Path(MessageEnvelope envelope) =>
        string.Join('/', new[] { envelope.NodeId, envelope.Pipeline, envelope.Signature, envelope.InstanceId }.TakeWhile(part => part is not null));

    private static string Shorten(string json) => json.Length <= DataWidth ? json : json[..(DataWidth - 3)] + "...";

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
