using System.Collections.Frozen;
using Microsoft.Extensions.Options;
using Ratio1.Orleans.Contracts.Security;

namespace Ratio1.Orleans.Grains.Security;

/// <summary>The admins named by the silo's configuration, read and checked once at start.</summary>
public sealed class ConfiguredAdmins
{
    private readonly FrozenSet<string> _addresses;

    public ConfiguredAdmins(IOptions<SecurityOptions> options)
    {
        var settings = options.Value;
        var addresses = new List<string>();
        foreach (var (entry, index) in settings.Admins.Select((a, i) => (a, i)))
        {
            addresses.Add(Normalize(entry, $"{SecurityOptions.Section}:Admins:{index}"));
        }

        if (!string.IsNullOrWhiteSpace(settings.AdminsFile))
        {
            var path = settings.AdminsFile;
            string[] lines;
            try
            {
                lines = File.ReadAllLines(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InvalidOperationException($"{SecurityOptions.Section}:AdminsFile '{path}' cannot be read: {e.Message}");
            }

            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].Split('#', 2)[0].Trim();
                if (line.Length > 0)
                {
                    addresses.Add(Normalize(line.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries)[0], $"{SecurityOptions.Section}:AdminsFile '{path}' line {i + 1}"));
                }
            }
        }

        _addresses = addresses.ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>How many admins are configured.</summary>
    public int Count => _addresses.Count;

    public bool Contains(string address) => _addresses.Contains(address);

    private static string Normalize(string address, string where) =>
        Ratio1Address.IsValid(address?.Trim())
            ? Ratio1Address.Normalize(address!.Trim())
            : throw new InvalidOperationException($"{where}: '{address}' is not an identity address (expected 0xai_ followed by a base64url public key).");
}
