using System.Globalization;
using System.Text;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Plugins;

namespace Ratio1.Orleans.Edge.Capture;

/// <summary>
/// <c>StructuredFile</c>: replays a CSV file (first line: column names) or a JSON-lines file (one object per line) from
/// <c>URL</c>, one row every 1/<c>CAP_RESOLUTION</c> seconds. Numbers in CSV cells become numbers. With
/// <c>REPLAY</c> true it starts over at the end; otherwise the source finishes when the file does.
/// </summary>
[CaptureType("StructuredFile", Description = "CSV or JSON-lines replay at CAP_RESOLUTION rows per second")]
public sealed class StructuredFileCapture : CaptureSource<StructuredFileCapture.StructuredFileConfig>
{
    protected override async Task RunAsync(ICaptureContext context, CancellationToken cancellationToken)
    {
        // Required by the rules, so checked before the source runs.
        var path = Config.Url!;
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"StructuredFile URL '{path}' does not exist", path);
        }

        var period = TimeSpan.FromSeconds(1 / Config.CapResolution);
        var json = path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
        using var timer = new PeriodicTimer(period, context.Time);
        context.ReportStarted();
        do
        {
            var line = 0;
            string[]? header = null;
            await foreach (var text in File.ReadLinesAsync(path, Encoding.UTF8, cancellationToken))
            {
                line++;
                if (string.IsNullOrWhiteSpace(text))
                {
                    continue;
                }

                ConfigValue row;
                if (json)
                {
                    row = ConfigJson.Parse(text);
                }
                else if (header is null)
                {
                    header = SplitCsv(text);
                    continue;
                }
                else
                {
                    row = ConfigValue.FromObject(ToRow(header, SplitCsv(text)));
                }

                context.Publish(new CaptureItem(row, null, ConfigMap.Empty.SetItem("FILE", path).SetItem("LINE", line), context.Time.GetUtcNow()));
                await timer.WaitForNextTickAsync(cancellationToken);
            }
        }
        while (Config.Replay && !cancellationToken.IsCancellationRequested);
    }

    private static ConfigMap ToRow(string[] header, string[] cells)
    {
        var row = new ConfigMap.Builder();
        for (var i = 0; i < header.Length; i++)
        {
            var cell = i < cells.Length ? cells[i] : string.Empty;
            row.Set(header[i], double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && cell.Trim().Length > 0
                ? ConfigValue.FromNumberLiteral(NormalizeNumber(cell.Trim()))
                : ConfigValue.FromString(cell));
        }

        return row.ToMap();
    }

    // A CSV number such as "+5" or ".5" is not a JSON literal; write it the JSON way.
    private static string NormalizeNumber(string cell)
    {
        var value = double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);
        var literal = cell.TrimStart('+');
        literal = literal.StartsWith('.') ? "0" + literal : literal.StartsWith("-.", StringComparison.Ordinal) ? "-0" + literal[1..] : literal;
        return IsJsonNumber(literal) ? literal : value.ToString("R", CultureInfo.InvariantCulture);
    }

    private static bool IsJsonNumber(string text)
    {
        try
        {
            ConfigValue.FromNumberLiteral(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    // RFC 4180 cells: commas inside quotes, doubled quotes.
    private static string[] SplitCsv(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return [.. cells];
    }

    /// <summary>Keys of a <c>StructuredFile</c> pipeline.</summary>
    public sealed class StructuredFileConfig : CaptureConfig
    {
        [ConfigKey(Required = true, MinLength = 1, Description = "Path of the .csv or .jsonl file.")]
        public override string? Url { get; set; }

        [ConfigKey(Description = "Start over at the end of the file.")]
        public bool Replay { get; set; }
    }
}
