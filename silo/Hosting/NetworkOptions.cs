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

    /// <summary>
    /// Address the silo and gateway ports listen on (cluster mode); default: <see cref="AdvertisedAddress"/>, itself
    /// loopback by default. <c>0.0.0.0</c> listens on every interface (needs security configured, as any non-loopback address).
    /// </summary>
    public string? ListenAddress { get; set; }

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

        if (AdvertisedAddress is { Length: > 0 } any && System.Net.IPAddress.TryParse(any, out var parsed) && (parsed.Equals(System.Net.IPAddress.Any) || parsed.Equals(System.Net.IPAddress.IPv6Any)))
        {
            yield return $"--advertised-address (Cluster:AdvertisedAddress) '{any}' is not an address others can reach; to listen on every interface use --listen-address {any}";
        }

        if (ListenAddress is { Length: > 0 } listen && !System.Net.IPAddress.TryParse(listen, out _))
        {
            yield return $"--listen-address (Cluster:ListenAddress) '{listen}' is not an IP address";
        }

        if (string.IsNullOrWhiteSpace(ClusterId) || string.IsNullOrWhiteSpace(ServiceId))
        {
            yield return "--cluster-id and --service-id must not be empty";
        }
    }

    /// <summary>The address others reach this silo at: <see cref="AdvertisedAddress"/>, else loopback.</summary>
    public System.Net.IPAddress AdvertisedIPAddress() =>
        AdvertisedAddress is { Length: > 0 } advertised ? System.Net.IPAddress.Parse(advertised) : System.Net.IPAddress.Loopback;

    /// <summary>The address the silo and gateway ports listen on: <see cref="ListenAddress"/>, else the advertised one.</summary>
    public System.Net.IPAddress ListeningAddress() =>
        ListenAddress is { Length: > 0 } listen ? System.Net.IPAddress.Parse(listen) : AdvertisedIPAddress();
}
