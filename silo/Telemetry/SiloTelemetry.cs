using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Diagnostics;
using Ratio1.Orleans.Contracts.Diagnostics;
using Ratio1.Orleans.Edge.Runtime;
using Ratio1.Orleans.Edge.Traffic;
using Ratio1.Orleans.Serving.Telemetry;
using Ratio1.Orleans.Silo.Hosting;

namespace Ratio1.Orleans.Silo.Telemetry;

/// <summary>
/// The silo's OpenTelemetry: one resource naming the node, metrics (Prometheus <c>GET /metrics</c>, and OTLP), and
/// traces (OTLP) from the platform's own spans and Orleans' grain calls. OTLP follows the standard
/// <c>OTEL_EXPORTER_OTLP_*</c> variables (<see cref="OtlpExport"/>); <c>Telemetry:OtlpEndpoint</c> is kept as an alias of
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>. Without an OTLP endpoint no trace is recorded at all: the platform's spans are
/// then never started (see <see cref="Ratio1Tracing"/>).
/// </summary>
public static class SiloTelemetry
{
    /// <summary>The service name when <c>OTEL_SERVICE_NAME</c> does not set one.</summary>
    public const string DefaultServiceName = "ratio1-silo";

    /// <summary>The platform meter the silo exports with the serving, traffic, Orleans and runtime meters.</summary>
    public const string PlatformMeterName = "Ratio1.Orleans";

    /// <summary>Sets up the silo's metrics and traces for node <paramref name="nodeId"/>.</summary>
    /// <exception cref="ArgumentException">An <c>OTEL_EXPORTER_OTLP_*</c> endpoint or protocol is invalid (the message names it).</exception>
    public static WebApplicationBuilder AddRatio1Telemetry(this WebApplicationBuilder builder, TelemetryOptions telemetry, string nodeId)
    {
        var configuration = builder.Configuration;
        if (telemetry.OtlpEndpoint is { Length: > 0 } alias && configuration[OtlpExport.EndpointKey] is not { Length: > 0 })
        {
            // The older setting stands for the standard variable, so the exporter treats both alike (protocol, paths).
            configuration.AddInMemoryCollection([new(OtlpExport.EndpointKey, alias)]);
        }

        var problems = OtlpExport.Problems(configuration).ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid settings:" + string.Concat(problems.Select(p => Environment.NewLine + "  " + p)));
        }

        var export = OtlpExport.From(configuration);
        var serviceName = configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } named ? named : DefaultServiceName;
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource
                .AddService(serviceName, serviceVersion: NodeRuntime.Version, autoGenerateServiceInstanceId: false, serviceInstanceId: nodeId)
                .AddAttributes([new(Ratio1Tracing.NodeAttribute, nodeId)]))
            .WithMetrics(metrics =>
            {
                // "System.Runtime": the runtime's own meter (GC heap size and committed memory, working set), to see memory.
                metrics.AddMeter(PlatformMeterName, ServingMetrics.MeterName, TrafficLedger.MeterName, "Microsoft.Orleans", "System.Runtime");
                if (telemetry.Prometheus)
                {
                    metrics.AddPrometheusExporter();
                }

                if (export.Metrics)
                {
                    metrics.AddOtlpExporter();
                }
            });

        // The sources are set whoever builds the tracer provider (the OTLP exporter below, or a host adding its own
        // exporter); without one, nothing listens and no span is started.
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing
            .AddSource([.. Ratio1Tracing.SourceNames, ActivitySources.StorageActivitySourceName]));
        if (export.Traces)
        {
            otel.WithTracing(tracing => tracing.AddOtlpExporter());
        }

        return builder;
    }

    /// <summary>Maps <c>GET /metrics</c> when <see cref="TelemetryOptions.Prometheus"/> is on.</summary>
    public static WebApplication MapRatio1Telemetry(this WebApplication app, TelemetryOptions telemetry)
    {
        if (telemetry.Prometheus)
        {
            app.MapPrometheusScrapingEndpoint();
        }

        return app;
    }
}
