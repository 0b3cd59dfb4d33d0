using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Ratio1.Orleans.Bench.Measurement;
using Ratio1.Orleans.Bench.Serving;
using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Serving.Batching;
using Ratio1.Orleans.Serving.Telemetry;

namespace Ratio1.Orleans.Bench.Scenarios;

/// <summary>
/// What <see cref="ModelServer"/> costs over calling ONNX Runtime yourself, on the same model, inputs and thread
/// settings. The baseline is the leanest direct use: one thread per core, each running <c>InferenceSession.Run</c> on
/// its own pre-built input and output <see cref="OrtValue"/>s. Two comparisons at saturation, alternating in each round:
/// items one at a time (MaxBatchSize 1, no delay) against direct runs of one item, and batches (MaxBatchSize 32, no
/// delay) against direct runs of 32 pre-concatenated items. Then the latency a lone caller sees, alternating one direct
/// run and one call through the server (MaxBatchSize 1, no delay: the batcher's own overhead, no waiting for company).
/// </summary>
public static class ServingOverheadScenario
{
    private const int BatchedSize = 32;

    public static async Task RunAsync(TextWriter output, int[] mlp, int rounds, TimeSpan window, int callers, int latencyIterations, int concurrency, ExecutionProvider provider = ExecutionProvider.Cpu)
    {
        using var model = new BenchModel(mlp, provider);
        var cores = Environment.ProcessorCount;
        output.WriteLine($"serving-overhead benchmark: {model.Description}, IntraOp 1 / InterOp 1; {rounds} rounds of {window.TotalSeconds:0.#} s windows (after 1 s warm-up), direct on {cores} threads vs ModelServer (Concurrency {concurrency}) under {callers} async callers; {MachineFacts.Describe()}");

        var (session, choice) = model.OpenDirect();
        using var _ = session;
        output.WriteLine($"provider: {choice.Requested} -> {choice.Used}{(choice.FallbackReason is { } why ? $" ({why})" : string.Empty)}");
        using var one = new DirectRunner(session, model, cores, 1);
        using var many = new DirectRunner(session, model, cores, BatchedSize);
        using var metrics = new ServingMetrics();
        await using var single = model.Serve("overhead-single", new BatchingSettings(MaxBatchSize: 1, MaxQueueDelayMicroseconds: 0, Concurrency: concurrency), metrics);
        await using var batched = model.Serve("overhead-batched", new BatchingSettings(MaxBatchSize: BatchedSize, MaxQueueDelayMicroseconds: 0, Concurrency: concurrency), metrics);
        async Task<int> Call(ModelServer server, int n)
        {
            await server.InferAsync(model.Items[n % model.Items.Length], CancellationToken.None).ConfigureAwait(false);
            return 1;
        }

        var warmup = TimeSpan.FromSeconds(1);
        var samples = new List<(LoadSample Direct1, LoadSample Server1, LoadSample DirectN, LoadSample ServerN)>();
        for (var round = 1; round <= rounds; round++)
        {
            var direct1 = await ClosedLoop.RunThreadsAsync("direct Run, 1 item", cores, one.Run, warmup, window);
            var server1 = await ClosedLoop.RunAsync("ModelServer, MaxBatchSize 1", callers, n => Call(single, n), warmup, window);
            var directN = await ClosedLoop.RunThreadsAsync($"direct Run, {BatchedSize} items", cores, many.Run, warmup, window);
            var serverN = await ClosedLoop.RunAsync($"ModelServer, MaxBatchSize {BatchedSize}", callers, n => Call(batched, n), warmup, window);
            samples.Add((direct1, server1, directN, serverN));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  round {round}: 1 item {server1.ItemsPerSecond:0} vs {direct1.ItemsPerSecond:0} items/s ({server1.ItemsPerSecond / direct1.ItemsPerSecond:0.00}x); {BatchedSize} items {serverN.ItemsPerSecond:0} vs {directN.ItemsPerSecond:0} items/s ({serverN.ItemsPerSecond / directN.ItemsPerSecond:0.00}x)"));
        }

        output.WriteLine();
        output.WriteLine($"throughput at saturation (median of {rounds} rounds; latency is per call, µs, pooled over the rounds)");
        output.WriteLine($"{"",-44} {"items/s",10} {"p50 µs",9} {"p99 µs",9} {"ratio",7}");
        Print(output, samples.Select(s => (s.Server1, s.Direct1)).ToList(), $"mean batch {single.Stats().MeanBatchSize:0.0}");
        Print(output, samples.Select(s => (s.ServerN, s.DirectN)).ToList(), $"mean batch {batched.Stats().MeanBatchSize:0.0} of up to {BatchedSize}");

        var latency = await LatencySample.CompareAsync(
            "direct Run, 1 item", _ =>
            {
                one.Run(0);
                return Task.CompletedTask;
            },
            "ModelServer.InferAsync (MaxBatchSize 1, no delay)", _ => single.InferAsync(model.Items[0], CancellationToken.None),
            warmup: latencyIterations / 10, iterations: latencyIterations);
        output.WriteLine();
        output.WriteLine($"latency of a lone caller ({latencyIterations} calls each, alternating)");
        output.WriteLine($"{"",-52} {"p50 µs",9} {"p99 µs",9} {"mean µs",9}");
        foreach (var sample in new[] { latency.Target, latency.Baseline })
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{sample.Name,-52} {sample.Percentile(50) * 1000,9:0.0} {sample.Percentile(99) * 1000,9:0.0} {sample.Mean * 1000,9:0.0}"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  => the server adds {(latency.Target.Percentile(50) - latency.Baseline.Percentile(50)) * 1000:0.0} µs at p50 and {(latency.Target.Percentile(99) - latency.Baseline.Percentile(99)) * 1000:0.0} µs at p99"));
    }

    private static void Print(TextWriter output, List<(LoadSample Server, LoadSample Direct)> rounds, string note)
    {
        var ratio = Percentiles.Median(rounds.Select(r => r.Server.ItemsPerSecond / r.Direct.ItemsPerSecond));
        Row(output, rounds.Select(r => r.Server).ToList(), ratio, string.Empty);
        Row(output, rounds.Select(r => r.Direct).ToList(), 1, "  vs ");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  => {ratio:0.00}x the direct throughput ({note}); goal at least 0.9x: {(ratio >= 0.9 ? "MET" : "NOT MET")}"));
    }

    private static void Row(TextWriter output, List<LoadSample> samples, double ratio, string indent)
    {
        var latencies = samples.SelectMany(s => s.LatencyMicroseconds).ToArray();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{indent + samples[0].Name,-44} {Percentiles.Median(samples.Select(s => s.ItemsPerSecond)),10:0} {Percentiles.Of(latencies, 50),9:0.0} {Percentiles.Of(latencies, 99),9:0.0} {ratio,6:0.00}x"));
    }

    /// <summary>Per thread, pre-built input and output values over pinned arrays: ONNX Runtime used as leanly as it can be.</summary>
    private sealed class DirectRunner : IDisposable
    {
        private readonly InferenceSession _session;
        private readonly int _items;
        private readonly RunOptions[] _options;
        private readonly OrtValue[][] _inputs;
        private readonly OrtValue[][] _outputs;

        public DirectRunner(InferenceSession session, BenchModel model, int threads, int items)
        {
            _session = session;
            _items = items;
            _options = [.. Enumerable.Range(0, threads).Select(_ => new RunOptions())];
            _inputs = [.. Enumerable.Range(0, threads).Select(t =>
            {
                var values = Enumerable.Range(0, items).SelectMany(i => model.Items[(t * items + i) % model.Items.Length][0].Values).ToArray();
                return new[] { OrtValue.CreateTensorValueFromMemory(values, [items, model.Features]) };
            })];
            _outputs = [.. Enumerable.Range(0, threads).Select(_ => new[] { OrtValue.CreateTensorValueFromMemory(new float[items * model.Classes], [items, model.Classes]) })];
        }

        public int Run(int thread)
        {
            _session.Run(_options[thread], _session.InputNames, _inputs[thread], _session.OutputNames, _outputs[thread]);
            return _items;
        }

        public void Dispose()
        {
            foreach (var value in _inputs.Concat(_outputs).SelectMany(v => v))
            {
                value.Dispose();
            }

            foreach (var options in _options)
            {
                options.Dispose();
            }
        }
    }
}
