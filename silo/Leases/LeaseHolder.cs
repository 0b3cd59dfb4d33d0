using System.Net;
using Ratio1.Orleans.Silo.Hosting;
using Ratio1.Orleans.Storage.Hosting;

namespace Ratio1.Orleans.Silo.Leases;

/// <summary>
/// A silo as it describes itself when it claims its node, so that a second silo refused for that node (or for its
/// data folder) can say which silo holds it and where to find it.
/// </summary>
/// <param name="Node">The node id it serves.</param>
/// <param name="Silo">Its silo-to-silo endpoint (<c>address:port</c>).</param>
/// <param name="Gateway">Its client gateway endpoint (<c>address:port</c>).</param>
/// <param name="Host">The machine it runs on.</param>
/// <param name="Pid">Its process id on that machine.</param>
/// <param name="StartedAt">When it claimed the node.</param>
public sealed record LeaseHolder(string Node, string Silo, string Gateway, string Host, int Pid, DateTimeOffset StartedAt)
{
    /// <summary>This process, about to serve <paramref name="node"/>.</summary>
    public static LeaseHolder ThisSilo(string node, NetworkOptions network, StorageProvider provider, TimeProvider time)
    {
        // Embedded (SQLite) silos use localhost clustering, which always listens on loopback.
        var address = provider == StorageProvider.Postgres ? network.AdvertisedIPAddress() : IPAddress.Loopback;
        var now = time.GetUtcNow();
        return new(node, Endpoint(address, network.SiloPort), Endpoint(address, network.GatewayPort), Environment.MachineName, Environment.ProcessId,
            now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond)));
    }

    /// <summary>Whether <paramref name="other"/> is this very silo (same process on the same machine, same claim).</summary>
    public bool IsSameSilo(LeaseHolder other) => Host == other.Host && Pid == other.Pid && StartedAt == other.StartedAt;

    public override string ToString() =>
        $"silo {Silo} (gateway {Gateway}) on host {Host}, pid {Pid}, started {StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC";

    private static string Endpoint(IPAddress address, int port) => new IPEndPoint(address, port).ToString();
}
