using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Ratio1.Orleans.Silo.Hosting;

namespace Ratio1.Orleans.Tests.Telemetry;

/// <summary>
/// The silo exports over OTLP as the standard <c>OTEL_*</c> variables say (the older <c>Telemetry:OtlpEndpoint</c> is
/// their alias), records no trace without an endpoint, and refuses a bad endpoint or protocol naming the variable.
/// </summary>
[Collection(TracingCollection.Name)]
public sealed class OtlpSettingsTests
{
    [Theory]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "not a uri")]
    [InlineData("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "/v1/traces")]
    [InlineData("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json")]
    public void A_bad_OTLP_variable_stops_the_silo_before_it_starts_and_is_named(string variable, string value)
    {
        var error = Assert.Throws<ArgumentException>(() => Build((variable, value)));

        Assert.Contains(variable, error.Message);
        Assert.Contains(value, error.Message);
    }

    [Theory]
    [InlineData(null, null, false)]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4317", true)]
    [InlineData("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://127.0.0.1:4318/v1/traces", true)]
    [InlineData("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "http://127.0.0.1:4318/v1/metrics", false)]
    [InlineData("Telemetry:OtlpEndpoint", "http://127.0.0.1:4317", true)]
    public async Task Traces_are_recorded_only_when_an_OTLP_endpoint_for_them_is_set(string? variable, string? value, bool traced)
    {
        await using var app = variable is null ? Build() : Build((variable, value!));

        Assert.Equal(traced, app.Services.GetService<TracerProvider>() is not null);
    }

    [Fact]
    public async Task OTEL_TRACES_EXPORTER_none_keeps_traces_off_OTLP()
    {
        await using var app = Build(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4317"), ("OTEL_TRACES_EXPORTER", "none"));

        Assert.Null(app.Services.GetService<TracerProvider>());
    }

    [Fact]
    public async Task The_older_setting_stands_for_the_standard_endpoint_which_wins_when_both_are_set()
    {
        await using var alias = Build(("Telemetry:OtlpEndpoint", "http://alias:4317"));
        await using var both = Build(("Telemetry:OtlpEndpoint", "http://alias:4317"), ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://standard:4317"));

        Assert.Equal("http://alias:4317", alias.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal("http://standard:4317", both.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
    }

    // Built, never started: what the settings make of the host is all these tests look at.
    private static WebApplication Build(params (string Key, string Value)[] settings) =>
        EdgeSiloHost.Build(["--node-id", "otlp-settings", "--data-dir", Path.Combine(Path.GetTempPath(), "r1-otlp-settings")],
            builder => builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))));
}
