using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace Ratio1.Orleans.Contracts.Reach;

/// <summary>
/// The hosts a node's network captures may connect to (<c>Node:CaptureHosts</c>): host names (<c>cam1.site</c>, or
/// <c>*.cams.site</c> for any name under that domain), addresses and networks (<c>10.0.4.7</c>, <c>10.0.4.0/24</c>,
/// <c>fd00::/8</c>), or <c>*</c> for any host. Loopback, link-local and unspecified addresses are refused however the
/// host is named (a name can resolve, or be made to resolve, to 127.0.0.1 or to a cloud metadata address) unless an
/// entry is itself such an address or a network inside such a range (<c>127.0.0.1</c>, <c>169.254.0.0/16</c>).
/// </summary>
public sealed class HostAllowList
{
    private static readonly IPNetwork[] Reserved =
    [
        IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("0.0.0.0/8"),
        IPNetwork.Parse("::1/128"), IPNetwork.Parse("fe80::/10"), IPNetwork.Parse("::/128"),
    ];

    private readonly List<string> _names = [];
    private readonly List<string> _domains = [];
    private readonly List<IPNetwork> _networks = [];
    private readonly bool _any;

    public HostAllowList(IEnumerable<string> entries)
    {
        var kept = new List<string>();
        foreach (var raw in entries)
        {
            var entry = raw.Trim().ToLowerInvariant();
            if (entry.Length == 0)
            {
                continue;
            }

            kept.Add(entry);
            if (entry == "*")
            {
                _any = true;
            }
            else if (entry.StartsWith("*.", StringComparison.Ordinal))
            {
                _domains.Add(entry[1..]);
            }
            else if (IPNetwork.TryParse(entry, out var network))
            {
                _networks.Add(network);
            }
            else if (IPAddress.TryParse(entry.Trim('[', ']'), out var address))
            {
                _networks.Add(new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128));
            }
            else
            {
                _names.Add(entry.TrimEnd('.'));
            }
        }

        Entries = [.. kept];
    }

    /// <summary>The entries as configured (lower-case), for error messages.</summary>
    public ImmutableArray<string> Entries { get; }

    /// <summary>The entries for an error message (<c>(none)</c> when there are none).</summary>
    public string Described => Entries.IsEmpty ? "(none)" : string.Join(", ", Entries);

    /// <summary>Whether a problem with entry <paramref name="entry"/> makes it unusable (a network that does not parse is read as a host name).</summary>
    public static string? CheckEntry(string entry) =>
        entry.Contains('/', StringComparison.Ordinal) && !IPNetwork.TryParse(entry.Trim(), out _)
            ? $"'{entry}' is neither a host name, an address nor a network (address/prefix)"
            : null;

    /// <summary>Whether <paramref name="host"/> (a name, not an address) is listed by name: exactly, under a <c>*.</c> domain, or by <c>*</c>.</summary>
    public bool AllowsName(string host)
    {
        var name = host.ToLowerInvariant().TrimEnd('.');
        return _any || _names.Contains(name) || _domains.Any(d => name.EndsWith(d, StringComparison.Ordinal));
    }

    /// <summary>Whether any entry is an address or a network (a name not listed may then still be allowed by its addresses).</summary>
    public bool ListsNetworks => _networks.Count > 0;

    /// <summary>Whether <paramref name="host"/> is listed by its exact name (no resolution needed to trust the name itself).</summary>
    public bool ListsName(string host) => _names.Contains(host.ToLowerInvariant().TrimEnd('.'));

    /// <summary>
    /// Why the node may not connect to <paramref name="address"/>, reached under a name that is listed
    /// (<paramref name="nameAllowed"/>) or not; null when it may.
    /// </summary>
    public string? Refuses(IPAddress address, bool nameAllowed)
    {
        var ip = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        foreach (var reserved in Reserved.Where(r => r.Contains(ip)))
        {
            var explicitly = _networks.Any(n => n.Contains(ip) && reserved.Contains(n.BaseAddress) && n.PrefixLength >= reserved.PrefixLength);
            return explicitly ? null : $"{ip} is a {KindOf(reserved)} address, refused unless Node:CaptureHosts lists it (e.g. {ip})";
        }

        return nameAllowed || _any || _networks.Any(n => n.Contains(ip)) ? null : $"{ip} is not in Node:CaptureHosts";
    }

    private static string KindOf(IPNetwork reserved) => reserved.ToString() switch
    {
        "127.0.0.0/8" or "::1/128" => "loopback",
        "169.254.0.0/16" or "fe80::/10" => "link-local",
        _ => "unspecified",
    };
}
