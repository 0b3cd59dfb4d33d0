namespace Ratio1.Orleans.Silo.Hosting;

/// <summary>Cluster identity and ports of the silo (configuration section <c>Cluster</c>).</summary>
public sealed class NetworkOptions
{
    public const string SectionName = "Cluster";

    /// <summary>Orleans cluster id: silos and clients of one deployment share it.</summary>
    public string ClusterId { get; set; } = "ratio1";

    /// <summary>Orleans service id: stays the same across deployments, since stored state is keyed by it.</summary>
    public string ServiceId { get; set; } = "ratio1";

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port clients (the .NET client, r1ctl) connect to.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Address other silos and clients reach this silo at (cluster mode); default: loopback.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>URL(s) of the silo's HTTP endpoint (health).</summary>
    public string HttpUrls { get; set; } = "http://127.0.0.1:8080";

    /// <summary>What is wrong with these settings, each naming its switch and value.</summary>
    public IEnumerable<string> Problems()
    {
        if (SiloPort is < 1 or > 65535)
        {
            yield return $"--silo-port (Cluster:SiloPort) {SiloPort} is not a port (1-65535)";
        }

        if (GatewayPort is < 1 or > 65535)
        {
            yield return $"--gateway-port (Cluster:GatewayPort) {GatewayPort} is not a port (1-65535)";
        }

        if (SiloPort == GatewayPort)
        {
            yield return $"--silo-port and --gateway-port are both {SiloPort}; they must differ";
        }

        if (AdvertisedAddress is { Length: > 0 } address && !System.Net.IPAddress.TryParse(address, out _))
        {
            yield return $"--advertised-address (Cluster:AdvertisedAddress) '{address}' is not an IP address";
        }

        if (string.IsNullOrWhiteSpace(ClusterId) || string.IsNullOrWhiteSpace(ServiceId))
        {
            yield return "--cluster-id and --service-id must not be empty";
        }
    }
}
