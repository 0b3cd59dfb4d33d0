using System.Globalization;
using Ratio1.Orleans.Bench.Measurement;
using Ratio1.Orleans.Bench.Serving;
using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Serving.Batching;
using Ratio1.Orleans.Serving.Telemetry;

namespace Ratio1.Orleans.Bench.Scenarios;

/// <summary>
/// What dynamic batching buys: many concurrent callers of a small model, each sending one item at a time, served with
/// batching (the given max batch and queue delay) against the same server without it (MaxBatchSize 1) — the baseline,
/// measured alternately with it in each round. Both use the same concurrency, threads and device slots.
/// </summary>
public static class BatchingScenario
{
    public static async Task RunAsync(TextWriter output, int[] mlp, int callers, int rounds, TimeSpan window, int maxBatch, int delayMicroseconds, int concurrency, ExecutionProvider provider = ExecutionProvider.Cpu)
    {
        using var model = new BenchModel(mlp, provider);
        output.WriteLine($"batching benchmark: {callers} concurrent callers, one item per call, {model.Description}, IntraOp 1 / InterOp 1, Concurrency {concurrency}; MaxBatchSize {maxBatch} with a {delayMicroseconds} µs queue delay vs MaxBatchSize 1; {rounds} rounds of {window.TotalSeconds:0.#} s windows (after 1 s warm-up); {MachineFacts.Describe()}");
        using var metrics = new ServingMetrics();
        await using var unbatched = model.Serve("unbatched", new BatchingSettings(MaxBatchSize: 1, MaxQueueDelayMicroseconds: 0, Concurrency: concurrency), metrics);
        await using var batching = model.Serve("batched", new BatchingSettings(MaxBatchSize: maxBatch, MaxQueueDelayMicroseconds: delayMicroseconds, Concurrency: concurrency), metrics);
        output.WriteLine($"provider: {batching.Provider.Requested} -> {batching.Provider.Used}{(batching.Provider.FallbackReason is { } why ? $" ({why})" : string.Empty)}");
        async Task<int> Call(ModelServer server, int n)
        {
            await server.InferAsync(model.Items[n % model.Items.Length], CancellationToken.None).ConfigureAwait(false);
            return 1;
        }

        var warmup = TimeSpan.FromSeconds(1);
        var samples = new List<(LoadSample Without, LoadSample With)>();
        for (var round = 1; round <= rounds; round++)
        {
            var without = await ClosedLoop.RunAsync("MaxBatchSize 1 (no batching)", callers, n => Call(unbatched, n), warmup, window);
            var with = await ClosedLoop.RunAsync($"MaxBatchSize {maxBatch}, {delayMicroseconds} µs delay", callers, n => Call(batching, n), warmup, window);
            samples.Add((without, with));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  round {round}: batched {with.ItemsPerSecond:0} items/s (p99 {with.Percentile(99):0} µs) vs unbatched {without.ItemsPerSecond:0} items/s (p99 {without.Percentile(99):0} µs): {with.ItemsPerSecond / without.ItemsPerSecond:0.00}x"));
        }

        var ratio = Percentiles.Median(samples.Select(s => s.With.ItemsPerSecond / s.Without.ItemsPerSecond));
        output.WriteLine();
        output.WriteLine($"throughput and per-call latency (items/s: median of {rounds} rounds; latency pooled over the rounds)");
        output.WriteLine($"{"",-40} {"items/s",10} {"p50 µs",9} {"p99 µs",9} {"mean batch",11} {"ratio",7}");
        Row(output, samples.Select(s => s.With).ToList(), batching.Stats().MeanBatchSize, ratio, string.Empty);
        Row(output, samples.Select(s => s.Without).ToList(), unbatched.Stats().MeanBatchSize, 1, "  vs ");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  => batching serves {ratio:0.00}x the items of no batching; goal at least 4x: {(ratio >= 4 ? "MET" : "NOT MET")}"));
    }

    /// <summary>One configuration alone under the same load, for profiling (no baseline, no ratio).</summary>
    public static async Task LoadAsync(TextWriter output, int[] mlp, int callers, TimeSpan window, int maxBatch, int delayMicroseconds, int concurrency)
    {
        using var model = new BenchModel(mlp);
        using var metrics = new ServingMetrics();
        await using var server = model.Serve("load", new BatchingSettings(MaxBatchSize: maxBatch, MaxQueueDelayMicroseconds: delayMicroseconds, Concurrency: concurrency), metrics);
        var sample = await ClosedLoop.RunAsync("load", callers, async n =>
        {
            await server.InferAsync(model.Items[n % model.Items.Length], CancellationToken.None).ConfigureAwait(false);
            return 1;
        }, TimeSpan.FromSeconds(1), window);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"serving-load: {model.Description}, {callers} callers, MaxBatchSize {maxBatch}, {delayMicroseconds} µs delay, Concurrency {concurrency}: {sample.ItemsPerSecond:0} items/s, p50 {sample.Percentile(50):0} µs, p99 {sample.Percentile(99):0} µs, mean batch {server.Stats().MeanBatchSize:0.0}; {MachineFacts.Describe()}"));
    }

    private static void Row(TextWriter output, List<LoadSample> samples, double meanBatch, double ratio, string indent)
    {
        var latencies = samples.SelectMany(s => s.LatencyMicroseconds).ToArray();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{indent + samples[0].Name,-40} {Percentiles.Median(samples.Select(s => s.ItemsPerSecond)),10:0} {Percentiles.Of(latencies, 50),9:0} {Percentiles.Of(latencies, 99),9:0} {meanBatch,11:0.0} {ratio,6:0.00}x"));
    }
}
