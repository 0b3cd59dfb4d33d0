using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Pipelines;

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
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            WriteIndented = indented,
            // Config values may hold any text; keep it readable as Ratio1 does instead of \u-escaping it.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            // Model outputs can hold NaN or infinities: written as "NaN"/"Infinity" rather than failing the command.
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new ConfigMapJsonConverter());
        options.Converters.Add(new ConfigValueJsonConverter());
        options.Converters.Add(new PipelineConfigJsonConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
