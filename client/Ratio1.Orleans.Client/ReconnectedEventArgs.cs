namespace Ratio1.Orleans.Client;

/// <summary>
/// The session is connected to the cluster again and its traffic handlers are subscribed again
/// (<see cref="Ratio1Session.Reconnected"/>). Messages published while it was disconnected were not received.
/// </summary>
public sealed class ReconnectedEventArgs(DateTimeOffset lostAt, TimeSpan downtime, int streamsRestored) : EventArgs
{
    /// <summary>When the connection was lost (UTC).</summary>
    public DateTimeOffset LostAt { get; } = lostAt;

    /// <summary>How long the session was disconnected.</summary>
    public TimeSpan Downtime { get; } = downtime;

    /// <summary>How many streams (one per pipeline's payloads, node's notifications or heartbeats) were subscribed again.</summary>
    public int StreamsRestored { get; } = streamsRestored;
}
