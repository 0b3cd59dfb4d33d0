using Microsoft.AspNetCore.Connections;
using Orleans.Networking.Shared;
using Orleans.Runtime.Messaging;

namespace Ratio1.Orleans.Client.Connection;

/// <summary>
/// Which failures of an Orleans call (as seen from a client, Orleans 10.4.2) mean that the cluster could not be reached
/// or the connection went, rather than that the request itself failed.
/// </summary>
internal static class ConnectionFaults
{
    /// <summary>Whether <paramref name="exception"/> is a connection fault.</summary>
    public static bool Includes(Exception exception) => exception switch
    {
        // Connecting to a gateway failed, or is backing off after a failure ("will retry after ...").
        ConnectionFailedException => true,
        // The gateway's silo went away with the call (SiloUnavailableException is one), the client had no live
        // gateway ("No gateways available"), or gave up resending after the connection closed.
        OrleansMessageRejectionException => true,
        // The gateway is overloaded and shed the call.
        GatewayTooBusyException => true,
        ClientNotAvailableException => true,
        // The socket closed under a send or while the connection was being set up.
        SocketConnectionException or ConnectionAbortedException or ConnectionResetException => true,
        _ => false,
    };
}
