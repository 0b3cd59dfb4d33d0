using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Ratio1.Orleans.Contracts.Pipelines;

namespace Ratio1.Orleans.Contracts.Config;

/// <summary>
/// How the contract records are written as JSON for people and scripts (r1ctl's output, the dashboard's API): camelCase
/// properties, enums as names, configs as the plain Ratio1 JSON they hold, NaN and infinities (model outputs) as
/// strings instead of a failure, and text kept readable rather than \u-escaped.
/// </summary>
public static class ContractJsonOptions
{
    /// <summary>New options (not yet read-only, so a caller can add its own converters) on <paramref name="defaults"/>.</summary>
    public static JsonSerializerOptions Create(JsonSerializerDefaults defaults = JsonSerializerDefaults.Web, bool indented = false)
    {
        var options = new JsonSerializerOptions(defaults)
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            WriteIndented = indented,
            // Config values may hold any text; keep it readable as Ratio1 does (the output is JSON, never HTML).
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new ConfigMapJsonConverter());
        options.Converters.Add(new ConfigValueJsonConverter());
        options.Converters.Add(new PipelineConfigJsonConverter());
        return options;
    }
}
