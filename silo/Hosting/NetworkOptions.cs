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

    /// <summary>The address others reach this silo at: <see cref="AdvertisedAddress"/>, else loopback.</summary>
    public System.Net.IPAddress AdvertisedIPAddress() =>
        AdvertisedAddress is { Length: > 0 } advertised ? System.Net.IPAddress.Parse(advertised) : System.Net.IPAddress.Loopback;

    /// <summary>The address the silo and gateway ports listen on: <see cref="ListenAddress"/>, else the advertised one.</summary>
    public System.Net.IPAddress ListeningAddress() =>
        ListenAddress is { Length: > 0 } listen ? System.Net.IPAddress.Parse(listen) : AdvertisedIPAddress();
}
