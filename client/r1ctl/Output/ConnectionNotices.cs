using System.Globalization;
using Ratio1.Orleans.Client;

namespace Ratio1.Orleans.Cli.Output;

/// <summary>
/// How a long-running command (<c>watch</c>) reports its connection on stderr: one line when it is lost, one when it is
/// back; with <c>--json</c>, one JSON object per line led by <c>"event"</c> (never <c>"error"</c>, which ends a command).
/// </summary>
internal static class ConnectionNotices
{
    public static void WriteLost(CliOutput output, string command, ConnectionLostEventArgs lost)
    {
        var message = $"connection to {Where(lost.Gateways)} lost; reconnecting...";
        output.WriteNotice($"{command}: {message}", new { @event = "connection-lost", gateways = lost.Gateways, lostAt = lost.LostAt, message });
    }

    public static void WriteReconnected(CliOutput output, string command, ReconnectedEventArgs back)
    {
        var seconds = Math.Round(back.Downtime.TotalSeconds, 1);
        var message = $"reconnected after {seconds.ToString("0.0", CultureInfo.InvariantCulture)} s; subscriptions restored";
        output.WriteNotice($"{command}: {message}", new { @event = "reconnected", downtimeSeconds = seconds, streamsRestored = back.StreamsRestored, message });
    }

    /// <summary>The gateways for a message: <c>127.0.0.1:30000</c>, or <c>the cluster</c> when they come from the membership table.</summary>
    public static string Where(IReadOnlyList<string> gateways) => gateways.Count > 0 ? string.Join(", ", gateways) : "the cluster";
}
