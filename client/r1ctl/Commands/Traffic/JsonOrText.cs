using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Errors;

namespace Ratio1.Orleans.Cli.Commands.Traffic;

/// <summary>
/// Reads a command, a parameter value or pushed data as typed on a command line: JSON when it parses
/// (<c>{"COMMAND": "RESET"}</c>, <c>5</c>, <c>true</c>, <c>"quoted"</c>), else the text itself as a string (<c>RESET</c>).
/// </summary>
internal static class JsonOrText
{
    /// <exception cref="InvalidConfigException">
    /// The text starts like a JSON object or list but is malformed: a typo there is reported, not sent as a string.
    /// </exception>
    public static ConfigValue Parse(string text)
    {
        var start = text.TrimStart();
        if (start.StartsWith('{') || start.StartsWith('['))
        {
            return ConfigJson.Parse(text);
        }

        try
        {
            return ConfigJson.Parse(text);
        }
        catch (InvalidConfigException e) when (e.Value is null)
        {
            // Not JSON: the text itself. JSON whose content is refused (an escaped unpaired surrogate) stays refused.
            return ConfigValue.FromString(text);
        }
    }

    /// <summary>Like <see cref="Parse"/>, or from a file given as <c>@file</c> (<c>@-</c>: stdin).</summary>
    /// <exception cref="Failures.UsageException">The file cannot be read.</exception>
    public static async Task<ConfigValue> ReadAsync(string argument, CommandContext context)
    {
        if (!argument.StartsWith('@'))
        {
            return Parse(argument);
        }

        // A file or a pipe ends with a newline that is not part of a plain-text value.
        var text = await ConfigSource.ReadTextAsync(argument[1..], context);
        return Parse(text.TrimEnd('\r', '\n'));
    }
}
