using System.Net;
using Microsoft.Extensions.Options;

namespace Ratio1.Orleans.Silo.Hosting;

/// <summary>Checks the <c>Cluster</c> section's identity, ports and addresses; each failure names its switch and value.</summary>
public sealed class NetworkOptionsValidator : IValidateOptions<NetworkOptions>
{
    public ValidateOptionsResult Validate(string? name, NetworkOptions options) =>
        Problems(options).ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;

    private static IEnumerable<string> Problems(NetworkOptions options)
    {
        if (options.SiloPort is < 1 or > 65535)
        {
            yield return $"--silo-port (Cluster:SiloPort) {options.SiloPort} is not a port (1-65535)";
        }

        if (options.GatewayPort is < 1 or > 65535)
        {
            yield return $"--gateway-port (Cluster:GatewayPort) {options.GatewayPort} is not a port (1-65535)";
        }

        if (options.SiloPort == options.GatewayPort)
        {
            yield return $"--silo-port and --gateway-port are both {options.SiloPort}; they must differ";
        }

        if (options.AdvertisedAddress is { Length: > 0 } address)
        {
            if (!IPAddress.TryParse(address, out var parsed))
            {
                yield return $"--advertised-address (Cluster:AdvertisedAddress) '{address}' is not an IP address";
            }
            else if (parsed.Equals(IPAddress.Any) || parsed.Equals(IPAddress.IPv6Any))
            {
                yield return $"--advertised-address (Cluster:AdvertisedAddress) '{address}' is not an address others can reach; to listen on every interface use --listen-address {address}";
            }
        }

        if (options.ListenAddress is { Length: > 0 } listen && !IPAddress.TryParse(listen, out _))
        {
            yield return $"--listen-address (Cluster:ListenAddress) '{listen}' is not an IP address";
        }

        if (string.IsNullOrWhiteSpace(options.ClusterId) || string.IsNullOrWhiteSpace(options.ServiceId))
        {
            yield return "--cluster-id and --service-id must not be empty";
        }
    }
}
