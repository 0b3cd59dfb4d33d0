using System.Globalization;

namespace Ratio1.Orleans.Silo.Telemetry;

/// <summary>
/// Which signals the silo pushes to an OTLP collector, decided from the standard OpenTelemetry variables (read from the
/// configuration, so from the environment): <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> turns on traces and metrics, the
/// per-signal <c>OTEL_EXPORTER_OTLP_TRACES_ENDPOINT</c> / <c>..._METRICS_ENDPOINT</c> one each, and
/// <c>OTEL_TRACES_EXPORTER=none</c> / <c>OTEL_METRICS_EXPORTER=none</c> turn one off. The exporter itself reads the
/// endpoint, protocol, headers and timeouts from the same variables; headers are never read or logged here.
/// </summary>
internal sealed record OtlpExport(bool Traces, bool Metrics)
{
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string TracesEndpointKey = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";
    public const string MetricsEndpointKey = "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT";
    public const string ProtocolKey = "OTEL_EXPORTER_OTLP_PROTOCOL";
    public const string TracesProtocolKey = "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL";
    public const string MetricsProtocolKey = "OTEL_EXPORTER_OTLP_METRICS_PROTOCOL";

    private static readonly string[] Protocols = ["grpc", "http/protobuf"];

    public static OtlpExport From(IConfiguration configuration)
    {
        var all = IsSet(configuration, EndpointKey);
        return new OtlpExport(
            Enabled(configuration, "OTEL_TRACES_EXPORTER") && (all || IsSet(configuration, TracesEndpointKey)),
            Enabled(configuration, "OTEL_METRICS_EXPORTER") && (all || IsSet(configuration, MetricsEndpointKey)));
    }

    /// <summary>What is wrong in the OTLP variables, each naming the variable and its value (headers are not checked: they may hold secrets).</summary>
    public static IEnumerable<string> Problems(IConfiguration configuration)
    {
        foreach (var key in new[] { EndpointKey, TracesEndpointKey, MetricsEndpointKey })
        {
            // Checked for http(s): on Linux a bare path ("/v1/traces") is an absolute file URI.
            if (configuration[key] is { Length: > 0 } endpoint
                && !(Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
            {
                yield return $"{key} = \"{endpoint}\": must be an absolute http or https URI such as http://127.0.0.1:4317";
            }
        }

        foreach (var key in new[] { ProtocolKey, TracesProtocolKey, MetricsProtocolKey })
        {
            if (configuration[key] is { Length: > 0 } protocol && !Protocols.Contains(protocol, StringComparer.Ordinal))
            {
                yield return string.Create(CultureInfo.InvariantCulture, $"{key} = \"{protocol}\": must be one of {string.Join(", ", Protocols)}");
            }
        }
    }

    private static bool IsSet(IConfiguration configuration, string key) => configuration[key] is { Length: > 0 };

    private static bool Enabled(IConfiguration configuration, string exporterKey) =>
        !string.Equals(configuration[exporterKey], "none", StringComparison.OrdinalIgnoreCase);
}
