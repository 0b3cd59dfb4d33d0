using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Serving.Engine;

/// <summary>The serving engine's metrics leave the silo as OpenTelemetry metrics (Prometheus text on <c>/metrics</c>).</summary>
[Collection(SiloCollection.Name)]
public sealed class ServingTelemetryTests(SiloFixture fixture, SampleModelFiles files) : IClassFixture<SampleModelFiles>
{
    [Fact]
    public async Task Queue_time_batch_size_inference_time_and_requests_of_a_model_are_scraped_from_metrics()
    {
        var name = "tel-" + Guid.NewGuid().ToString("N")[..8];
        await fixture.Session.AddModelAsync(SiloFixture.NodeId, files.LinearDeclaration(name));
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            fixture.Session.InferAsync(SiloFixture.NodeId, name, InferenceInput.FromTensor("x", [1, 4], [i, 1, 2, 3]))));

        using var http = new HttpClient();
        var text = await http.GetStringAsync(new Uri(fixture.Silo.HttpAddress, "/metrics"));
        var lines = text.Split('\n').Where(l => l.Contains($"model=\"{name}\"", StringComparison.Ordinal)).ToList();

        Assert.Contains(lines, l => l.StartsWith("r1_serving_requests", StringComparison.Ordinal) && l.Contains("outcome=\"ok\"") && l.TrimEnd().EndsWith(" 8", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("r1_serving_queue_time", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("r1_serving_batch_size", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("r1_serving_inference_time", StringComparison.Ordinal));
    }
}
