using System.Net;
using Ratio1.Orleans.Contracts.Streams;
using Ratio1.Orleans.Dashboard.Hosting;
using Ratio1.Orleans.Edge.Traffic;
using Ratio1.Orleans.Storage.Hosting;

namespace Ratio1.Orleans.Silo.Hosting;

/// <summary>
/// The dashboard on the silo's web host (docs/dashboard.md): its sessions are clients of this silo's own gateway, on
/// loopback (or the address the gateway listens on), over TLS with the silo's own certificate when the silo uses TLS.
/// It needs a token wherever the silo's web host does (<see cref="WebTokenGate"/>), and accepts the web token.
/// </summary>
public static class SiloDashboard
{
    public static void AddSiloDashboard(this WebApplicationBuilder builder, NetworkOptions network, TlsSettings tls, TrafficOptions traffic,
        StorageOptions storage, string nodeId, string? webToken, bool tokenRequired, bool securityOn)
    {
        var gateway = GatewayHost(network, storage.Provider);
        builder.Services.AddRatio1Dashboard(builder.Configuration, session =>
        {
            session.Gateways = [$"{gateway}:{network.GatewayPort}"];
            session.ClusterId = network.ClusterId;
            session.ServiceId = network.ServiceId;
            session.Traffic = traffic.Provider;
            if (traffic.Provider == TrafficProvider.AdoNet)
            {
                session.TrafficConnectionString = storage.ConnectionString;
            }

            if (tls.IsConfigured)
            {
                session.UseTls = true;
                session.TlsCaFile = tls.CaFile;
                session.TlsCertificateFile = tls.CertificateFile;
                session.TlsKeyFile = tls.KeyFile;
                session.TlsPasswordFile = tls.PasswordFile;
                session.TlsServerName = tls.ServerName;
                // Its own gateway, reached by address: the chain is checked, the certificate's name need not be the address.
                session.TlsSkipNameCheck = tls.ServerName is null;
            }
        }, o =>
        {
            o.Token ??= webToken;
            o.RequireToken |= tokenRequired;
            o.Security ??= securityOn;
            o.Node = nodeId;
        });
    }

    private static string GatewayHost(NetworkOptions network, StorageProvider storage)
    {
        if (storage != StorageProvider.Postgres)
        {
            return "127.0.0.1";
        }

        var listen = network.ListeningAddress();
        return listen.Equals(IPAddress.Any) || IPAddress.IsLoopback(listen) ? "127.0.0.1"
            : listen.Equals(IPAddress.IPv6Any) ? "[::1]"
            : listen.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{listen}]" : listen.ToString();
    }
}
