using System.Collections.Immutable;
using System.Net;
using System.Text.RegularExpressions;

namespace Ratio1.Orleans.Contracts.Reach;

/// <summary>
/// What a node's capture sources may reach through a pipeline's <c>URL</c>: local files and folders only under its
/// capture roots (<c>Node:CaptureRoots</c>), network sources only with an allowed scheme (<c>Node:CaptureSchemes</c>)
/// to an allowed host (<c>Node:CaptureHosts</c>). The node registers it with its offer, so a deploy is checked
/// (<see cref="CheckAsync"/>) wherever the pipeline grain runs; the node checks again, following links and resolving
/// names, when a source opens its URL.
/// </summary>
/// <param name="Roots">Folders (absolute) under which local <c>URL</c>s must lie.</param>
/// <param name="Hosts">Entries of <see cref="HostAllowList"/>.</param>
/// <param name="Schemes">URL schemes network sources may use, lower-case.</param>
[GenerateSerializer, Immutable, Alias("r1.capture-reach")]
public sealed partial record CaptureReach(
    [property: Id(0)] ImmutableArray<string> Roots,
    [property: Id(1)] ImmutableArray<string> Hosts,
    [property: Id(2)] ImmutableArray<string> Schemes)
{
    /// <summary>The schemes allowed when none are configured.</summary>
    public static readonly ImmutableArray<string> DefaultSchemes = ["rtsp", "http", "https"];

    /// <summary>Resolves a host name to its addresses (the system resolver in production).</summary>
    public delegate Task<IPAddress[]> HostResolver(string host, CancellationToken cancellationToken);

    /// <summary>True when <paramref name="url"/> has no scheme (<c>rtsp:</c>, <c>file:</c>, ...): a path on the node's machine.</summary>
    public static bool IsLocalPath(string url) => !Scheme().IsMatch(url);

    /// <summary>
    /// Why the node may not capture from <paramref name="url"/>, or null when it may. Local paths are judged as text
    /// only (<paramref name="resolveLinks"/> false), so the answer never depends on what exists on the machine
    /// checking; the node itself passes true to follow links. Host names are resolved with <paramref name="resolve"/>
    /// and every address checked.
    /// </summary>
    public async Task<string?> CheckAsync(string url, bool resolveLinks, HostResolver resolve, CancellationToken cancellationToken)
    {
        if (IsLocalPath(url))
        {
            var roots = new PathRoots(Roots.IsDefault ? [] : Roots);
            var inside = resolveLinks ? roots.ContainsResolved(url) : roots.Contains(url);
            return inside ? null : $"is not under the node's capture roots (Node:CaptureRoots): {roots.Described}";
        }

        var schemes = Schemes.IsDefaultOrEmpty ? DefaultSchemes : Schemes;
        var hosts = new HostAllowList(Hosts.IsDefault ? [] : Hosts);
        var allowed = $"the node captures only from {string.Join(", ", schemes.Select(s => s + "://"))} URLs to the hosts of Node:CaptureHosts: {hosts.Described}";

        // What ffmpeg and .NET read differently (a backslash before '@', spaces, control characters) is refused
        // rather than interpreted: both must see the same host.
        if (url.Any(c => c <= ' ' || c == '\\' || c == '\x7f') || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.DnsSafeHost.Length == 0)
        {
            return $"is not a well-formed network URL; {allowed}";
        }

        if (!schemes.Contains(uri.Scheme.ToLowerInvariant()))
        {
            return $"uses scheme '{uri.Scheme}'; {allowed}";
        }

        var host = uri.DnsSafeHost;
        if (IPAddress.TryParse(host, out var literal))
        {
            return hosts.Refuses(literal, nameAllowed: false) is { } refused ? $"connects to {refused}; {allowed}" : null;
        }

        var nameAllowed = hosts.AllowsName(host);
        if (!nameAllowed && !hosts.ListsNetworks)
        {
            return $"names host '{host}', which is not in Node:CaptureHosts; {allowed}";
        }

        IPAddress[] addresses;
        try
        {
            addresses = await resolve(host, cancellationToken);
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or ArgumentException)
        {
            // A name listed as such is trusted even where it does not resolve (the node resolves it again when it connects).
            return hosts.ListsName(host) ? null : $"names host '{host}', which could not be resolved to check its addresses; {allowed}";
        }

        if (addresses.Length == 0 && !hosts.ListsName(host))
        {
            return $"names host '{host}', which has no address; {allowed}";
        }

        foreach (var address in addresses)
        {
            if (hosts.Refuses(address, nameAllowed) is { } refused)
            {
                return $"names host '{host}', which resolves to {refused}; {allowed}";
            }
        }

        return null;
    }

    // Two or more characters before the colon: a single letter is a Windows drive, not a scheme.
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]+:")]
    private static partial Regex Scheme();
}
