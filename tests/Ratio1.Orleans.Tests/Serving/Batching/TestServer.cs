using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Serving.Batching;
using Ratio1.Orleans.Serving.Providers;
using Ratio1.Orleans.Serving.Telemetry;

namespace Ratio1.Orleans.Tests.Serving.Batching;

/// <summary>A model file and its loaded server for one test; the reference answers come from a plain session on the same file.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    private TestServer(string path, ModelServer server, ServingMetrics metrics, DeviceSlots devices)
    {
        Path = path;
        Server = server;
        Metrics = metrics;
        Devices = devices;
    }

    public string Path { get; }

    public ModelServer Server { get; }

    public ServingMetrics Metrics { get; }

    public DeviceSlots Devices { get; }

    /// <summary>The linear model the batching tests use: 16 features in, 8 out.</summary>
    public static byte[] Linear16x8() => TestModels.Linear(Matrix(16, 8, seed: 7), TestModels.Values(8, seed: 8));

    /// <summary>What <see cref="Linear16x8"/> computes for one item, in plain C#.</summary>
    public static float[] Linear16x8Reference(float[] x)
    {
        var (w, b) = (Matrix(16, 8, seed: 7), TestModels.Values(8, seed: 8));
        return [.. Enumerable.Range(0, 8).Select(o => b[o] + Enumerable.Range(0, 16).Sum(f => x[f] * w[f, o]))];
    }

    public static TestServer Start(
        byte[] model, BatchingSettings? batching = null, DeviceSlots? devices = null, string? name = null, int warmupRuns = 1, ServingMetrics? metrics = null)
    {
        var path = TestModels.Save(model);
        metrics ??= new ServingMetrics();
        devices ??= new DeviceSlots();
        var declaration = new ModelDeclaration(name ?? $"m{Guid.NewGuid():N}"[..12], "1", path, Provider: ExecutionProvider.Cpu, Batching: batching, WarmupRuns: warmupRuns);
        var server = ModelServer.Load(declaration, devices, metrics, NullLogger.Instance, CancellationToken.None);
        return new TestServer(path, server, metrics, devices);
    }

    public static IReadOnlyList<TensorData> Item(float[] values) => [new TensorData("x", [1, values.Length], values)];

    public static float[,] Matrix(int rows, int columns, int seed)
    {
        var values = TestModels.Values(rows * columns, seed);
        var matrix = new float[rows, columns];
        Buffer.BlockCopy(values, 0, matrix, 0, values.Length * sizeof(float));
        return matrix;
    }

    /// <summary>Runs one item straight through ONNX Runtime (no batcher), for the expected answers.</summary>
    public float[][] Direct(IEnumerable<float[]> items)
    {
        using var session = new InferenceSession(Path);
        var results = new List<float[]>();
        foreach (var values in items)
        {
            using var input = OrtValue.CreateTensorValueFromMemory(values, [1, values.Length]);
            using var runOptions = new RunOptions();
            using var outputs = session.Run(runOptions, session.InputNames, [input], session.OutputNames);
            results.Add(outputs[0].GetTensorDataAsSpan<float>().ToArray());
        }

        return [.. results];
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Metrics.Dispose();
        File.Delete(Path);
    }
}
