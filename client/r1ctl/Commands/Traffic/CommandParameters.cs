using Ratio1.Orleans.Cli.Failures;

namespace Ratio1.Orleans.Cli.Commands.Traffic;

/// <summary>Ratio1's <c>COMMAND_PARAMS</c> from repeated <c>--param KEY=VALUE</c>; each value is read by <see cref="JsonOrText"/>.</summary>
internal static class CommandParameters
{
    /// <exception cref="UsageException">An entry is not KEY=VALUE, or a key is given twice.</exception>
    /// <exception cref="Contracts.Errors.InvalidConfigException">A value starts like a JSON object or list but is malformed.</exception>
    public static Dictionary<string, object?> Parse(IEnumerable<string> entries)
    {
        // Keys are upper-cased on the way to the node, so "message" and "MESSAGE" are the same key.
        var parameters = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries)
        {
            var equals = entry.IndexOf('=');
            var key = equals < 0 ? string.Empty : entry[..equals].Trim();
            if (key.Length == 0)
            {
                throw new UsageException($"--param '{entry}' is not KEY=VALUE.");
            }

            if (!parameters.TryAdd(key, JsonOrText.Parse(entry[(equals + 1)..])))
            {
                throw new UsageException($"--param {key} is given more than once.");
            }
        }

        return parameters;
    }
}
