using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Serving.Batching;
using Ratio1.Orleans.Serving.Onnx;
using Ratio1.Orleans.Serving.Providers;
using Ratio1.Orleans.Serving.Telemetry;

namespace Ratio1.Orleans.Bench.Scenarios;

/// <summary>
/// Which execution provider each request gets on this machine, and whether the results agree: the sample models are
/// loaded on the CPU and with Auto, CUDA and TensorRT requested; for each, the provider actually used (and the reason
/// for any fallback) is printed, the same inputs are run through both, and the largest difference to the CPU's
/// results and the mean time of a batch of 32 are reported. On a GPU machine this is the check that the GPU paths
/// really run and compute what the CPU does.
/// </summary>
public static class ProvidersScenario
{
    public static async Task RunAsync(TextWriter output, string folder)
    {
        Directory.CreateDirectory(folder);
        var linear = Path.Combine(folder, "linear.onnx");
        var conv = Path.Combine(folder, "conv.onnx");
        var detector = Path.Combine(folder, "detector.onnx");
        SampleModels.LinearClassifier(features: 256, classes: 10, seed: 5).Save(linear);
        SampleModels.ConvClassifier(classes: 10, seed: 5, height: 64, width: 64).Save(conv);
        SampleModels.GridDetector().Save(detector);

        output.WriteLine($"providers check: {Environment.ProcessorCount} cores, {DateTime.UtcNow:u}");
        var devices = new DeviceSlots();
        var metrics = new ServingMetrics();
        foreach (var (name, path, shape) in new[] { ("linear 256->10", linear, new long[] { 256 }), ("conv 3x64x64->10", conv, [3, 64, 64]), ("detector 3x64x64", detector, [3, 64, 64]) })
        {
            var inputs = Inputs(shape, 32);
            await using var cpu = ModelServer.Load(Declaration(path, ExecutionProvider.Cpu), devices, metrics, NullLogger.Instance, CancellationToken.None);
            var (reference, cpuMicros) = await RunAsync(cpu, inputs);
            output.WriteLine($"{name}: Cpu -> {cpu.Provider.Used}, batch of 32 in {cpuMicros:0} us");
            foreach (var requested in new[] { ExecutionProvider.Auto, ExecutionProvider.Cuda, ExecutionProvider.TensorRt })
            {
                try
                {
                    await using var server = ModelServer.Load(Declaration(path, requested), devices, metrics, NullLogger.Instance, CancellationToken.None);
                    var (results, micros) = await RunAsync(server, inputs);
                    var difference = results.Zip(reference, (a, b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Max()).Max();
                    output.WriteLine($"  {requested} -> {server.Provider.Used}{(server.Provider.FallbackReason is { } why ? $" (fallback: {why})" : string.Empty)}; " +
                                     $"batch of 32 in {micros:0} us; largest difference to the CPU {difference:E2}");
                }
                catch (Exception e)
                {
                    output.WriteLine($"  {requested} -> failed: {e.GetType().Name}: {e.Message}");
                }
            }
        }
    }

    private static ModelDeclaration Declaration(string path, ExecutionProvider provider) =>
        new("check", "1", path, ModelProfile.RawTensor, provider, Batching: new BatchingSettings(MaxBatchSize: 32, MaxQueueDelayMicroseconds: 2_000), Threads: new ThreadSettings(0, 1));

    private static TensorData[][] Inputs(long[] itemShape, int count)
    {
        var random = new Random(11);
        var length = (int)itemShape.Aggregate(1L, (n, d) => n * d);
        return [.. Enumerable.Range(0, count).Select(_ => new[] { new TensorData(string.Empty, [1, .. itemShape], [.. Enumerable.Range(0, length).Select(_ => (float)random.NextDouble())]) })];
    }

    // Every output value of every item, after a warm-up pass; the mean wall time of the timed passes of all 32 items at once.
    private static async Task<(float[][] Values, double Micros)> RunAsync(ModelServer server, TensorData[][] inputs)
    {
        var named = inputs.Select(i => (IReadOnlyList<TensorData>)[i[0] with { Name = server.Inputs[0].Name }]).ToArray();
        await Task.WhenAll(named.Select(i => server.InferAsync(i, CancellationToken.None)));
        const int passes = 20;
        var watch = Stopwatch.StartNew();
        BatchResult[] results = [];
        for (var pass = 0; pass < passes; pass++)
        {
            results = await Task.WhenAll(named.Select(i => server.InferAsync(i, CancellationToken.None)));
        }

        return ([.. results.Select(r => r.Outputs.SelectMany(o => o.Values).ToArray())], watch.Elapsed.TotalMicroseconds / passes);
    }
}
