using System.Net;
using Ratio1.Orleans.Storage.Hosting;

namespace Ratio1.Orleans.Silo.Hosting;

/// <summary>
/// Where the silo's listeners (silo port, gateway, web host) are bound, and whether that is allowed: on loopback only,
/// anything goes (an easy start, security off); any other address needs security configured — admins
/// (<c>Security:Admins</c> or <c>Security:AdminsFile</c>), TLS for the Orleans ports (<c>Tls:*</c>) and a token for
/// the web host (<c>Web:TokenFile</c>) — or the silo refuses to start.
/// </summary>
public sealed partial class ListenerExposure(IPAddress orleansAddress, IReadOnlyList<string> webUrls, IReadOnlyList<string> exposedWebUrls)
{
    /// <summary>Where the silo and gateway ports listen.</summary>
    public IPAddress OrleansAddress => orleansAddress;

    /// <summary>The web host's URLs.</summary>
    public IReadOnlyList<string> WebUrls => webUrls;

    /// <summary>The web host's URLs that are not loopback.</summary>
    public IReadOnlyList<string> ExposedWebUrls => exposedWebUrls;

    /// <summary>Whether the silo and gateway ports listen on something other than loopback.</summary>
    public bool OrleansExposed => !IPAddress.IsLoopback(OrleansAddress);

    /// <summary>Whether the web host listens on something other than loopback.</summary>
    public bool WebExposed => ExposedWebUrls.Count > 0;

    /// <summary>Where the settings make the listeners bind (the same rules <see cref="EdgeSiloHost"/> applies).</summary>
    public static ListenerExposure Of(NetworkOptions network, StorageProvider storage)
    {
        var orleans = storage == StorageProvider.Postgres ? network.ListeningAddress() : IPAddress.Loopback;
        var urls = network.HttpUrls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new ListenerExposure(orleans, urls, [.. urls.Where(u => !IsLoopbackUrl(u))]);
    }

    /// <summary>Whether admins are configured (the lead's <c>Security:*</c> settings).</summary>
    public static bool AdminsConfigured(IConfiguration configuration)
    {
        var admins = configuration.GetSection("Security:Admins");
        return admins.Value is { Length: > 0 } || admins.GetChildren().Any(c => c.Value is { Length: > 0 }) || configuration["Security:AdminsFile"] is { Length: > 0 };
    }

    /// <summary>What must be configured before these listeners may start, or an empty list.</summary>
    public IReadOnlyList<string> Missing(bool admins, bool tls, bool webToken)
    {
        var missing = new List<string>();
        if ((OrleansExposed || WebExposed) && !admins)
        {
            missing.Add("admins (Security:Admins or Security:AdminsFile)");
        }

        if (OrleansExposed && !tls)
        {
            missing.Add("TLS (--tls-certificate, --tls-key, --tls-ca: Tls:*)");
        }

        if (WebExposed && !webToken)
        {
            missing.Add("a web token (Web:TokenFile, or R1_Web__Token)");
        }

        return missing;
    }

    /// <summary>Refuses to start when a listener is exposed without what it needs.</summary>
    /// <exception cref="InsecureBindingException">Naming the exposed listeners and what to configure.</exception>
    public void Check(bool admins, bool tls, bool webToken, int siloPort, int gatewayPort)
    {
        var missing = Missing(admins, tls, webToken);
        if (missing.Count == 0)
        {
            return;
        }

        var exposed = new List<string>();
        if (OrleansExposed)
        {
            exposed.Add($"{OrleansAddress} (silo port {siloPort}, gateway {gatewayPort})");
        }

        exposed.AddRange(ExposedWebUrls);
        throw new InsecureBindingException(
            $"refusing to listen on {string.Join(" and ", exposed)} without security: configure {string.Join(", ", missing)}, or bind loopback only (the default)");
    }

    /// <summary>Says, once at start, that security is off and why that is allowed here.</summary>
    public void LogSecurityOff(ILogger logger, int siloPort, int gatewayPort) =>
        LogOff(logger, $"{OrleansAddress}:{siloPort}", $"{OrleansAddress}:{gatewayPort}", string.Join(", ", WebUrls));

    public static void LogSecurityOn(ILogger logger, int admins, int replayWindowSeconds) => LogOn(logger, admins, replayWindowSeconds);

    private static bool IsLoopbackUrl(string url)
    {
        var host = BindingAddress.Parse(url).Host;
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Security is off: no admins are configured (Security:Admins), which is allowed because every endpoint listens on loopback only (silo {Silo}, gateway {Gateway}, web {Web}). Binding another address requires admins, TLS (Tls:*) and a web token (Web:TokenFile).")]
    private static partial void LogOff(ILogger logger, string silo, string gateway, string web);

    [LoggerMessage(Level = LogLevel.Information, Message = "Security is on: {Admins} configured admin(s); every client request must be signed and is checked against the roles of the node's allow-list (replay window {Window} s)")]
    private static partial void LogOn(ILogger logger, int admins, int window);
}

/// <summary>A listener would be exposed beyond loopback without the security it needs (<see cref="SiloExitCodes.InsecureBinding"/>).</summary>
public sealed class InsecureBindingException(string message) : Exception(message);
