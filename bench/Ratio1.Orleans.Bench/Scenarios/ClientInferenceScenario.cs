using System.Globalization;
using Ratio1.Orleans.Bench.Measurement;
using Ratio1.Orleans.Bench.Serving;
using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Serving.Batching;
using Ratio1.Orleans.Serving.Telemetry;
using Ratio1.Orleans.Testing;
using Ratio1.Orleans.Tests.Serving.Direct;

namespace Ratio1.Orleans.Bench.Scenarios;

/// <summary>
/// Inference from external clients: many client sessions (each its own Orleans client on TCP) calling
/// <c>session.InferAsync</c> on a real edge silo, one item per call in a closed loop, against the same callers on an
/// in-process <see cref="ModelServer"/> with the same model and batching (the baseline, alternating with it in each
/// round). Then the bytes one request puts on the wire, through the direct path and through the node grain.
/// </summary>
public static class ClientInferenceScenario
{
    public static async Task RunAsync(TextWriter output, IReadOnlyList<int[]> mlps, int clients, int rounds, TimeSpan window, int maxBatch, int delayMicroseconds, int concurrency)
    {
        output.WriteLine($"client-inference benchmark: {clients} client sessions (one caller each, one item per call) vs {clients} in-process callers of a ModelServer; MaxBatchSize {maxBatch}, {delayMicroseconds} µs queue delay, Concurrency {concurrency}; {rounds} rounds of {window.TotalSeconds:0.#} s windows (after 1 s warm-up); {MachineFacts.Describe()}");
        await using var silo = await TestSilo.StartAsync("bench-inference");
        var sessions = new List<Ratio1Session>(clients);
        try
        {
            for (var i = 0; i < clients; i++)
            {
                sessions.Add(await silo.ConnectAsync($"bench-client-{i}"));
            }

            foreach (var mlp in mlps)
            {
                await RunModelAsync(output, silo, sessions, mlp, rounds, window, new BatchingSettings(MaxBatchSize: maxBatch, MaxQueueDelayMicroseconds: delayMicroseconds, Concurrency: concurrency));
            }
        }
        finally
        {
            await Task.WhenAll(sessions.Select(s => s.DisposeAsync().AsTask()));
        }
    }

    private static async Task RunModelAsync(TextWriter output, TestSilo silo, List<Ratio1Session> sessions, int[] mlp, int rounds, TimeSpan window, BatchingSettings batching)
    {
        using var model = new BenchModel(mlp);
        var name = $"mlp-{model.Features}-{model.Hidden}-{model.Classes}";
        await sessions[0].AddModelAsync(silo.NodeId, new ModelDeclaration(name, "1", model.Path, Provider: ExecutionProvider.Cpu, Batching: batching, Threads: ThreadSettings.Default, WarmupRuns: 10));
        using var metrics = new ServingMetrics();
        await using var server = model.Serve("in-process", batching, metrics);
        var inputs = model.Items.Select(i => new InferenceInput([.. i])).ToArray();
        var clients = sessions.Count;

        async Task<int> Local(int n)
        {
            await server.InferAsync(model.Items[n % model.Items.Length], CancellationToken.None).ConfigureAwait(false);
            return 1;
        }

        async Task<int> Remote(int n)
        {
            // ClosedLoop numbers caller c's calls c * 1,000,003 + k: each caller keeps to its own session.
            await sessions[n / 1_000_003 % clients].InferAsync(silo.NodeId, name, inputs[n % inputs.Length]).ConfigureAwait(false);
            return 1;
        }

        output.WriteLine();
        output.WriteLine(model.Description);
        var warmup = TimeSpan.FromSeconds(1);
        var samples = new List<(LoadSample Remote, LoadSample Local)>();
        for (var round = 1; round <= rounds; round++)
        {
            var local = await ClosedLoop.RunAsync("in-process ModelServer", clients, Local, warmup, window);
            var remote = await ClosedLoop.RunAsync($"{clients} clients -> node runtime", clients, Remote, warmup, window);
            samples.Add((remote, local));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  round {round}: clients {remote.ItemsPerSecond:0} items/s (p99 {remote.Percentile(99):0} µs) vs in-process {local.ItemsPerSecond:0} items/s (p99 {local.Percentile(99):0} µs): {remote.ItemsPerSecond / local.ItemsPerSecond:0.00}x"));
        }

        var ratio = Percentiles.Median(samples.Select(s => s.Remote.ItemsPerSecond / s.Local.ItemsPerSecond));
        output.WriteLine($"{"",-40} {"items/s",10} {"p50 µs",9} {"p99 µs",9} {"ratio",7}");
        Row(output, samples.Select(s => s.Remote).ToList(), ratio);
        Row(output, samples.Select(s => s.Local).ToList(), 1);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  => clients get {ratio:0.00}x the in-process throughput (rounds {samples.Min(s => s.Remote.ItemsPerSecond / s.Local.ItemsPerSecond):0.00}-{samples.Max(s => s.Remote.ItemsPerSecond / s.Local.ItemsPerSecond):0.00}x); goal for the large model at least 0.8x"));

        var (direct, viaGrain) = await WireBytesPerRequestAsync(sessions[0], silo.NodeId, name, inputs[0]);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  wire bytes per request (request and answer, all endpoints, mean of {WireCalls} sequential calls): direct {direct:0} B, through the node grain {viaGrain:0} B; the input tensor is {model.Features * 4} B"));
        await sessions[0].RemoveModelAsync(silo.NodeId, name);
    }

    private const int WireCalls = 200;

    private static async Task<(double Direct, double ViaGrain)> WireBytesPerRequestAsync(Ratio1Session session, string node, string model, InferenceInput input)
    {
        using var wire = new WireBytes();
        var direct = await wire.CountAsync(async () =>
        {
            for (var i = 0; i < WireCalls; i++)
            {
                await session.InferAsync(node, model, input);
            }
        });
        var grain = session.Client.GetNode(node);
        var viaGrain = await wire.CountAsync(async () =>
        {
            for (var i = 0; i < WireCalls; i++)
            {
                await grain.InferAsync(model, input, ConfigMap.Empty);
            }
        });
        return ((double)direct / WireCalls, (double)viaGrain / WireCalls);
    }

    private static void Row(TextWriter output, List<LoadSample> samples, double ratio)
    {
        var latencies = samples.SelectMany(s => s.LatencyMicroseconds).ToArray();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{samples[0].Name,-40} {Percentiles.Median(samples.Select(s => s.ItemsPerSecond)),10:0} {Percentiles.Of(latencies, 50),9:0} {Percentiles.Of(latencies, 99),9:0} {ratio,6:0.00}x"));
    }
}
