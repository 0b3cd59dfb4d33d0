namespace Ratio1.Orleans.Client;

/// <summary>A gateway of the cluster, written <c>host:port</c>.</summary>
/// <param name="Host">Host name or IP address.</param>
/// <param name="Port">Gateway port (1-65535).</param>
public readonly record struct GatewayAddress(string Host, int Port)
{
    /// <summary>Reads <c>host:port</c> (an IPv6 address in brackets: <c>[::1]:30000</c>).</summary>
    public static bool TryParse(string? text, out GatewayAddress address)
    {
        address = default;
        var separator = text?.LastIndexOf(':') ?? -1;
        if (separator <= 0 || !int.TryParse(text![(separator + 1)..], out var port) || port is <= 0 or > 65535)
        {
            return false;
        }

        var host = text[..separator].Trim().Trim('[', ']');
        if (host.Length == 0)
        {
            return false;
        }

        address = new GatewayAddress(host, port);
        return true;
    }

    /// <summary>Reads <c>host:port</c>.</summary>
    /// <exception cref="ArgumentException">The text is not <c>host:port</c>.</exception>
    public static GatewayAddress Parse(string text) =>
        TryParse(text, out var address) ? address : throw new ArgumentException($"Gateway '{text}' is not host:port.", nameof(text));

    /// <inheritdoc />
    public override string ToString() => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
