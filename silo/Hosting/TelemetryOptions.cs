namespace Ratio1.Orleans.Silo.Hosting;

/// <summary>
/// Where the silo's metrics go (section <c>Telemetry</c>): the serving engine's (<c>Ratio1.Orleans.Serving</c>: queue
/// time, batch size, inference time, requests by outcome, queue depth) and Orleans' own, as OpenTelemetry metrics —
/// scraped from <c>GET /metrics</c> (Prometheus text) and, when an endpoint is set, pushed over OTLP with the traces
/// (set up by <see cref="Telemetry.SiloTelemetry"/>).
/// </summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>Serve <c>GET /metrics</c> on the silo's HTTP address.</summary>
    public bool Prometheus { get; set; } = true;

    /// <summary>
    /// An OTLP collector (e.g. <c>http://127.0.0.1:4317</c>) to push metrics and traces to; none by default. An alias of
    /// the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, which wins when both are set (docs/tracing.md).
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    public IEnumerable<string> Problems()
    {
        // Checked for http(s): on Linux a bare path is an absolute file URI.
        if (OtlpEndpoint is { Length: > 0 } endpoint
            && !(Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
        {
            yield return $"Telemetry:OtlpEndpoint = \"{endpoint}\": must be an absolute http or https URI such as http://127.0.0.1:4317";
        }
    }
}
