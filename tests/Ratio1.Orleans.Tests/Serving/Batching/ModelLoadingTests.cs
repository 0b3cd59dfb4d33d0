using Microsoft.Extensions.Logging.Abstractions;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Serving.Batching;
using Ratio1.Orleans.Serving.Providers;
using Ratio1.Orleans.Serving.Telemetry;

namespace Ratio1.Orleans.Tests.Serving.Batching;

/// <summary>What loading checks: the file, the model's tensors, the batching settings; and what a loaded model reports.</summary>
public sealed class ModelLoadingTests : IDisposable
{
    private readonly ServingMetrics _metrics = new();
    private readonly List<string> _files = [];

    [Fact]
    public void A_missing_file_is_refused_naming_Path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"r1-missing-{Guid.NewGuid():N}.onnx");

        var error = Assert.Throws<InvalidConfigException>(() => Load(new ModelDeclaration("m", "1", path)));

        Assert.Equal(("Path", path, "no such file"), (error.Field, error.Value, error.Errors[0].Reason));
    }

    [Fact]
    public void A_file_of_random_bytes_is_refused_as_not_a_valid_onnx_model_naming_Path()
    {
        var bytes = new byte[4096];
        new Random(5).NextBytes(bytes);
        var path = Save(bytes);

        var error = Assert.Throws<InvalidConfigException>(() => Load(new ModelDeclaration("m", "1", path)));

        Assert.Equal(("Path", path), (error.Field, error.Value));
        Assert.StartsWith("not a valid ONNX model: ", error.Errors[0].Reason);
    }

    [Theory]
    [InlineData(0, 1_000, 1_024, 1, "Batching.MaxBatchSize", "0", "must be at least 1")]
    [InlineData(8, -1, 1_024, 1, "Batching.MaxQueueDelayMicroseconds", "-1", "must not be negative")]
    [InlineData(8, 1_000, 0, 1, "Batching.MaxQueueSize", "0", "must be at least 1")]
    [InlineData(8, 1_000, 1_024, 0, "Batching.Concurrency", "0", "must be at least 1")]
    public void Bad_batching_settings_are_refused_naming_the_field(int maxBatch, int delay, int queue, int concurrency, string field, string value, string reason)
    {
        var path = Save(TestServer.Linear16x8());

        var error = Assert.Throws<InvalidConfigException>(() => Load(new ModelDeclaration("m", "1", path, Batching: new BatchingSettings(maxBatch, delay, queue, concurrency))));

        Assert.Equal((field, value, reason), (error.Field, error.Value, error.Errors[0].Reason));
    }

    [Fact]
    public void A_model_loaded_directly_is_held_to_the_same_declaration_rules_as_one_added_to_a_node()
    {
        var path = Save(TestServer.Linear16x8());

        var error = Assert.Throws<InvalidConfigException>(() => Load(new ModelDeclaration("m", "1", path, WarmupRuns: 101)));

        Assert.Equal(("WarmupRuns", "101", "must be between 0 and 100"), (error.Field, error.Value, error.Errors[0].Reason));
    }

    [Fact]
    public void A_model_with_non_float32_tensors_is_refused_naming_them()
    {
        var path = Save(TestModels.Int64Identity());

        var error = Assert.Throws<InvalidConfigException>(() => Load(new ModelDeclaration("m", "1", path)));

        Assert.Equal("Path", error.Field);
        Assert.Contains("input 'x' is x int64[?,4]", error.Message);
        Assert.Contains("output 'y' is y int64[?,4]", error.Message);
    }

    [Fact]
    public async Task A_loaded_model_reports_its_tensors_and_batch_size()
    {
        await using var test = TestServer.Start(TestServer.Linear16x8(), new BatchingSettings(MaxBatchSize: 12));

        var input = Assert.Single(test.Server.Inputs);
        var output = Assert.Single(test.Server.Outputs);
        Assert.Equal(("x", "float32"), (input.Name, input.ElementType));
        Assert.Equal<long>([-1, 16], input.Shape);
        Assert.Equal(("y", "float32"), (output.Name, output.ElementType));
        Assert.Equal<long>([-1, 8], output.Shape);
        Assert.Equal(12, test.Server.MaxBatchSize);
        Assert.InRange(test.Server.LoadedAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task A_fixed_batch_axis_caps_the_max_batch_and_short_batches_are_padded()
    {
        var model = TestModels.Linear(TestServer.Matrix(16, 8, seed: 7), TestModels.Values(8, seed: 8), fixedBatch: 4);
        await using var test = TestServer.Start(model, new BatchingSettings(MaxBatchSize: 32, MaxQueueDelayMicroseconds: 0));
        var values = TestModels.Values(16, 3);
        var expected = TestServer.Linear16x8Reference(values);

        var result = await test.Server.InferAsync(TestServer.Item(values), CancellationToken.None);

        Assert.Equal(4, test.Server.MaxBatchSize);
        Assert.Equal(1, result.BatchSize);
        Assert.Equal<long>([1, 8], result.Outputs[0].Shape);
        Assert.All(expected.Zip(result.Outputs[0].Values), p => Assert.Equal(p.First, p.Second, 1e-5f));
    }

    [Fact]
    public async Task An_item_of_the_wrong_shape_is_refused_before_it_is_queued_naming_the_input()
    {
        await using var test = TestServer.Start(TestServer.Linear16x8());

        var error = await Assert.ThrowsAsync<InvalidConfigException>(() => test.Server.InferAsync([new TensorData("x", [1, 15], new float[15])], CancellationToken.None));

        Assert.Equal(("inputs[0] (x)", "[1,15]"), (error.Field, error.Value));
        Assert.Contains("expected shape [1,16]", error.Message);
        Assert.Equal(0, test.Server.Stats().Requests);
    }

    [Fact]
    public async Task An_item_may_leave_out_its_batch_axis()
    {
        await using var test = TestServer.Start(TestServer.Linear16x8());

        var result = await test.Server.InferAsync([new TensorData("x", [16], TestModels.Values(16, 1))], CancellationToken.None);

        Assert.Equal<long>([1, 8], result.Outputs[0].Shape);
    }

    public void Dispose()
    {
        _metrics.Dispose();
        foreach (var file in _files)
        {
            File.Delete(file);
        }
    }

    private ModelServer Load(ModelDeclaration declaration) =>
        ModelServer.Load(declaration, new DeviceSlots(), _metrics, NullLogger.Instance, CancellationToken.None);

    private string Save(byte[] bytes)
    {
        var path = TestModels.Save(bytes);
        _files.Add(path);
        return path;
    }
}
