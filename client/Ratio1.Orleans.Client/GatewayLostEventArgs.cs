namespace Ratio1.Orleans.Client;

/// <summary>
/// The session lost one of its gateway connections and goes on through the others (<see cref="Ratio1Session.GatewayLost"/>).
/// </summary>
public sealed class GatewayLostEventArgs(int remaining, DateTimeOffset lostAt) : EventArgs
{
    /// <summary>How many gateway connections are still open.</summary>
    public int Remaining { get; } = remaining;

    /// <summary>When the gateway connection closed (UTC).</summary>
    public DateTimeOffset LostAt { get; } = lostAt;
}
