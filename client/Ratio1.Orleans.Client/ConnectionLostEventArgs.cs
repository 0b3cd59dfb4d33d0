namespace Ratio1.Orleans.Client;

/// <summary>The session lost its connection to the cluster (<see cref="Ratio1Session.ConnectionLost"/>); it is reconnecting.</summary>
public sealed class ConnectionLostEventArgs(IReadOnlyList<string> gateways, DateTimeOffset lostAt) : EventArgs
{
    /// <summary>
    /// The gateways the session connects through, as configured (<c>127.0.0.1:30000</c>); empty in cluster mode, where
    /// they come from the membership table.
    /// </summary>
    public IReadOnlyList<string> Gateways { get; } = gateways;

    /// <summary>When the connection was lost (UTC).</summary>
    public DateTimeOffset LostAt { get; } = lostAt;
}
