using Ratio1.Orleans.Cli.Failures;
using Ratio1.Orleans.Contracts.Config;

namespace Ratio1.Orleans.Cli.Commands;

/// <summary>Reads the JSON a command acts on: a file, stdin (<c>-</c>), or for deltas inline text or <c>@file</c>.</summary>
internal static class ConfigSource
{
    /// <summary>The text of <paramref name="path"/>, or of stdin when it is <c>-</c>.</summary>
    /// <exception cref="UsageException">The file cannot be read.</exception>
    public static async Task<string> ReadTextAsync(string path, CommandContext context)
    {
        if (path == "-")
        {
            return await context.Stdin.ReadToEndAsync(context.CancellationToken);
        }

        try
        {
            return await File.ReadAllTextAsync(path, context.CancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"cannot read '{path}': {e.Message}", e);
        }
    }

    /// <summary>A delta given inline as a JSON object, or as <c>@file</c> (<c>@-</c>: stdin).</summary>
    /// <exception cref="Contracts.Errors.InvalidConfigException">The text is not a JSON object; the error names the line and position.</exception>
    public static async Task<ConfigMap> ReadDeltaAsync(string argument, CommandContext context)
    {
        var text = argument.StartsWith('@') ? await ReadTextAsync(argument[1..], context) : argument;
        return ConfigJson.ParseObject(text);
    }
}
