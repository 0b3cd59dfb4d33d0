using System.Globalization;
using Ratio1.Orleans.Bench.Measurement;
using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts;
using Ratio1.Orleans.Tests.Security;
using Ratio1.Orleans.Testing;

namespace Ratio1.Orleans.Bench.Scenarios;

/// <summary>
/// Issue #16's transport cost: the same client call (a node's status, answered from the grain's memory, so the link is
/// most of what is measured) to a plain silo and to a silo with mutual TLS (certificates of a private CA), in one run.
/// p50 latency from single calls alternating between the two; throughput from closed loops of concurrent callers,
/// alternating rounds. Reported: each and the TLS/plain ratio.
/// </summary>
public static class TlsScenario
{
    public static async Task RunAsync(TextWriter output, int callers, int rounds, TimeSpan window, int latencyCalls)
    {
        output.WriteLine($"tls benchmark: node status calls, plain vs mutual TLS (ECDSA P-256, TLS 1.3), {latencyCalls} alternating single calls for p50, then {rounds} alternating rounds (after a discarded one) of {callers} concurrent callers for {window.TotalSeconds:0.#} s; {Environment.ProcessorCount} cores, {DateTime.UtcNow:u}");
        using var certificates = new TlsTestCertificates("Ratio1 Bench CA");
        var siloCertificate = certificates.Silo("bench-tls");
        var clientCertificate = certificates.Client("bench-client");
        await using var plain = await TestSilo.StartAsync("bench-plain");
        await using var secured = await TestSilo.StartAsync("bench-tls", extraArgs: siloCertificate.SiloArgs(certificates.CaFile, mutual: true));
        await using var plainSession = await plain.ConnectAsync("bench");
        var options = secured.SessionOptions("bench");
        options.TlsCaFile = certificates.CaFile;
        options.TlsCertificateFile = clientCertificate.CertificateFile;
        options.TlsKeyFile = clientCertificate.KeyFile;
        await using var tlsSession = await Ratio1Session.ConnectAsync(options);
        var plainNode = plainSession.Client.GetNode("bench-plain");
        var tlsNode = tlsSession.Client.GetNode("bench-tls");

        var latency = await LatencySample.CompareAsync("plain", _ => plainNode.GetStatusAsync(), "TLS", _ => tlsNode.GetStatusAsync(), warmup: 2000, iterations: latencyCalls);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  single calls: p50 plain {latency.Baseline.Percentile(50) * 1000:0} µs, TLS {latency.Target.Percentile(50) * 1000:0} µs ({latency.P50Ratio:0.00}x); p99 {latency.Baseline.Percentile(99) * 1000:0} / {latency.Target.Percentile(99) * 1000:0} µs ({latency.P99Ratio:0.00}x)"));

        // One discarded round each first: until the tiered JIT has optimised both paths, it measures the JIT.
        await ClosedLoop.RunAsync("plain", callers, async _ => { await plainNode.GetStatusAsync(); return 1; }, TimeSpan.FromSeconds(1), window);
        await ClosedLoop.RunAsync("TLS", callers, async _ => { await tlsNode.GetStatusAsync(); return 1; }, TimeSpan.FromSeconds(1), window);
        var throughput = new List<(LoadSample Plain, LoadSample Tls)>();
        for (var round = 1; round <= rounds; round++)
        {
            var plainSample = await ClosedLoop.RunAsync("plain", callers, async _ => { await plainNode.GetStatusAsync(); return 1; }, TimeSpan.FromSeconds(1), window);
            var tlsSample = await ClosedLoop.RunAsync("TLS", callers, async _ => { await tlsNode.GetStatusAsync(); return 1; }, TimeSpan.FromSeconds(1), window);
            throughput.Add((plainSample, tlsSample));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  round {round}: plain {plainSample.ItemsPerSecond:N0} calls/s (p50 {plainSample.Percentile(50):0} µs), TLS {tlsSample.ItemsPerSecond:N0} calls/s (p50 {tlsSample.Percentile(50):0} µs): throughput {tlsSample.ItemsPerSecond / plainSample.ItemsPerSecond:0.00}x, p50 {tlsSample.Percentile(50) / plainSample.Percentile(50):0.00}x"));
        }

        var median = throughput.OrderBy(r => r.Tls.ItemsPerSecond / r.Plain.ItemsPerSecond).ElementAt(throughput.Count / 2);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  median round: TLS/plain throughput {median.Tls.ItemsPerSecond / median.Plain.ItemsPerSecond:0.00}x ({median.Tls.ItemsPerSecond:N0} vs {median.Plain.ItemsPerSecond:N0} calls/s), loaded p50 {median.Tls.Percentile(50) / median.Plain.Percentile(50):0.00}x; single-call p50 {latency.P50Ratio:0.00}x"));
    }
}
