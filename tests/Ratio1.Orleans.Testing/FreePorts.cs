using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Ratio1.Orleans.Testing;

/// <summary>TCP ports nobody listens on right now, for silos and databases started by tests.</summary>
public static class FreePorts
{
    // Below the kernel's ephemeral range: a port the system handed out for a listener and that was then released is
    // soon reused as the local end of some outgoing connection (every silo and client makes many), and a silo that
    // then binds it fails with "address already in use". Ports below the range are never handed out that way.
    private const int Lowest = 10_000;

    public static int Next()
    {
        var highest = EphemeralRangeStart();
        for (var attempt = 0; highest > Lowest && attempt < 100; attempt++)
        {
            var port = Random.Shared.Next(Lowest, highest);
            if (IsFree(port))
            {
                return port;
            }
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int EphemeralRangeStart()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            return int.Parse(range[0], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            // Not Linux: the range IANA suggests.
            return 49_152;
        }
    }
}
