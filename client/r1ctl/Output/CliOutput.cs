using System.Text.Json;
using Ratio1.Orleans.Cli.Failures;

namespace Ratio1.Orleans.Cli.Output;

/// <summary>
/// Where a command writes: results on stdout (text, or JSON with <c>--json</c>), failures on stderr as
/// <c>error: ...</c> lines followed, with <c>--json</c>, by a one-line JSON error object. Long operations show a
/// progress line on stderr when it is a terminal (<paramref name="showProgress"/>), never with <c>--json</c>.
/// </summary>
internal sealed class CliOutput(TextWriter stdout, TextWriter stderr, bool json, bool showProgress = false)
{
    /// <summary>Whether results are written as JSON.</summary>
    public bool Json => json;

    public void Line(string text = "") => stdout.WriteLine(text);

    /// <summary>
    /// Shows <paramref name="text"/> with a spinner and the time elapsed on stderr until disposed, when stderr is a
    /// terminal and results are not JSON; otherwise nothing.
    /// </summary>
    public ProgressLine Progress(string text) => ProgressLine.Start(stderr, showProgress && !json, text);

    public void WriteJson<T>(T value) => stdout.WriteLine(JsonSerializer.Serialize(value, JsonFormat.Indented));

    /// <summary>One JSON object on one line (JSON Lines), for results that stream.</summary>
    public void WriteJsonLine<T>(T value) => stdout.WriteLine(JsonSerializer.Serialize(value, JsonFormat.Compact));

    public void WriteTable(Table table) => table.WriteTo(stdout);

    /// <summary>
    /// Something the user should know while a command goes on (a lost connection, ...), on stderr so it never mixes
    /// with results: <paramref name="text"/>, or with <c>--json</c> <paramref name="json"/> as one JSON line.
    /// </summary>
    public void WriteNotice<T>(string text, T json)
    {
        if (Json)
        {
            stderr.WriteLine(JsonSerializer.Serialize(json, JsonFormat.Compact));
        }
        else
        {
            stderr.WriteLine(text);
        }
    }

    /// <summary>Aligned <c>name: value</c> lines.</summary>
    public void WriteFields(params (string Name, string Value)[] fields)
    {
        var width = fields.Max(f => f.Name.Length) + 1;
        foreach (var (name, value) in fields)
        {
            stdout.WriteLine($"{(name + ":").PadRight(width)}  {value}");
        }
    }

    public void WriteFailure(Failure failure)
    {
        stderr.WriteLine($"error: {failure.Message}");
        foreach (var error in failure.Errors)
        {
            stderr.WriteLine($"  {error}");
        }

        if (failure.Hint is { } hint)
        {
            stderr.WriteLine(hint);
        }

        if (json)
        {
            stderr.WriteLine(JsonSerializer.Serialize(new { error = failure.Kind, message = failure.Message, errors = failure.Errors }, JsonFormat.Compact));
        }
    }
}
