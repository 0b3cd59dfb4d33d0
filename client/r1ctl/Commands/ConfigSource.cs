using Ratio1.Orleans.Cli.Failures;
using Ratio1.Orleans.Contracts.Config;

namespace Ratio1.Orleans.Cli.Commands;

/// <summary>Reads the JSON a command acts on: a file, stdin (<c>-</c>), or for deltas inline text or <c>@file</c>.</summary>
internal static class ConfigSource
{
    /// <summary>The text of <paramref name="path"/>, or of stdin when it is <c>-</c>, decoded strictly (<see cref="StrictText"/>).</summary>
    /// <exception cref="UsageException">The file cannot be read, or is not valid UTF-8.</exception>
    public static async Task<string> ReadTextAsync(string path, CommandContext context)
    {
        if (path == "-")
        {
            // The console's reader would already have replaced invalid bytes: read the bytes under it.
            if (context.Stdin is StreamReader { BaseStream: { } stream })
            {
                using var buffer = new MemoryStream();
                await stream.CopyToAsync(buffer, context.CancellationToken);
                return StrictText.Decode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), "stdin");
            }

            return await context.Stdin.ReadToEndAsync(context.CancellationToken);
        }

        return StrictText.Decode(await ReadBytesAsync(path, $"'{path}'", context.CancellationToken), $"'{path}'");
    }

    /// <summary>The bytes of <paramref name="path"/>; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="UsageException">The file cannot be read.</exception>
    public static async Task<byte[]> ReadBytesAsync(string path, string source, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"cannot read {source}: {e.Message}", e);
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
