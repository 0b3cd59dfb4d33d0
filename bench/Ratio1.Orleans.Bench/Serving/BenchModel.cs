using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Serving.Batching;
using Ratio1.Orleans.Serving.Providers;
using Ratio1.Orleans.Serving.Telemetry;
using Ratio1.Orleans.Tests.Serving.Batching;

namespace Ratio1.Orleans.Bench.Serving;

/// <summary>
/// The serving benchmarks' model: a two-layer perceptron (features → hidden, ReLU → classes) of a chosen size, written
/// to a temp file for the run's lifetime.
/// </summary>
public sealed class BenchModel : IDisposable
{
    public BenchModel(int[] sizes, ExecutionProvider provider = ExecutionProvider.Cpu, int distinctItems = 64)
    {
        Provider = provider;
        (Features, Hidden, Classes) = (sizes[0], sizes[1], sizes[2]);
        Path = TestModels.Save(TestModels.Mlp(Features, Hidden, Classes));
        Items = [.. Enumerable.Range(0, distinctItems).Select(i => (IReadOnlyList<TensorData>)[new TensorData("x", [1, Features], TestModels.Values(Features, seed: i))])];
    }

    public int Features { get; }

    public int Hidden { get; }

    public int Classes { get; }

    public string Path { get; }

    /// <summary>Where the model runs (the serving path and the direct baseline alike).</summary>
    public ExecutionProvider Provider { get; }

    /// <summary>A direct ONNX Runtime session on the same provider and threads as the served model, and the provider it got.</summary>
    public (InferenceSession Session, ProviderChoice Choice) OpenDirect() => SessionFactory.Open(Path, Provider, 0, ThreadSettings.Default);

    public string Description =>
        $"MLP {Features}→{Hidden}→{Classes} (MatMul/Add/Relu, float32, {4.0 * (Features * Hidden + Hidden * Classes) / 1048576:0.#} MiB of weights)";

    /// <summary>Distinct single items, reused round-robin by the callers.</summary>
    public IReadOnlyList<TensorData>[] Items { get; }

    /// <summary>Loads the model behind a batcher on the benchmark's provider with the default thread settings.</summary>
    public ModelServer Serve(string name, BatchingSettings batching, ServingMetrics metrics) =>
        ModelServer.Load(
            new ModelDeclaration(name, "1", Path, Provider: Provider, Batching: batching, Threads: ThreadSettings.Default, WarmupRuns: 10),
            // As many batches in flight on the device as the model's batcher threads: the direct baseline runs that many threads too.
            new DeviceSlots(new Dictionary<string, int> { [DeviceSlots.KeyOf(Provider == ExecutionProvider.Cpu ? ExecutionProvider.Cpu : ExecutionProvider.Cuda, 0)] = batching.Concurrency }),
            metrics, NullLogger.Instance, CancellationToken.None);

    public void Dispose() => File.Delete(Path);
}
