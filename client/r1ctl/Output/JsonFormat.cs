using System.Text.Json;
using Ratio1.Orleans.Contracts.Config;

namespace Ratio1.Orleans.Cli.Output;

/// <summary>How r1ctl writes JSON: camelCase properties, enums as names, configs as the Ratio1 JSON they hold.</summary>
internal static class JsonFormat
{
    /// <summary>For results on stdout: indented, to be read by people and tools alike.</summary>
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    /// <summary>One line: the error object on stderr (a script takes the last line), and streamed results (JSON Lines).</summary>
    public static JsonSerializerOptions Compact { get; } = Create(indented: false);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = ContractJsonOptions.Create(JsonSerializerDefaults.General, indented);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
