using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Serving;

namespace Ratio1.Orleans.Tests.Serving.Batching;

/// <summary>A model run that fails fails its own batch only; the batcher serves on.</summary>
public sealed class InferenceFailureTests
{
    [Fact]
    public async Task A_failing_model_run_fails_its_batch_with_InferenceFailedException_and_the_batcher_serves_on()
    {
        // The feature axis is free, so an item of 15 features passes the checks and fails in MatMul.
        var model = TestModels.Linear(TestServer.Matrix(16, 8, seed: 7), TestModels.Values(8, seed: 8), freeFeatures: true);
        await using var test = TestServer.Start(model, new BatchingSettings(MaxBatchSize: 4, MaxQueueDelayMicroseconds: 0), warmupRuns: 0);

        var failed = await Assert.ThrowsAsync<InferenceFailedException>(() => test.Server.InferAsync([new TensorData("x", [1, 15], new float[15])], CancellationToken.None));
        var values = TestModels.Values(16, 4);
        var served = await test.Server.InferAsync(TestServer.Item(values), CancellationToken.None);

        Assert.Equal(test.Server.Declaration.Name, failed.Model);
        Assert.Contains("MatMul", failed.Message);
        Assert.All(TestServer.Linear16x8Reference(values).Zip(served.Outputs[0].Values), p => Assert.Equal(p.First, p.Second, 1e-5f));
        Assert.Equal((1L, 1L), (test.Server.Stats().Failed, test.Server.Stats().Completed));
    }

    [Fact]
    public async Task Items_that_disagree_on_a_free_dimension_never_share_a_batch()
    {
        var model = TestModels.Linear(TestServer.Matrix(16, 8, seed: 7), TestModels.Values(8, seed: 8), freeFeatures: true);
        await using var test = TestServer.Start(model, new BatchingSettings(MaxBatchSize: 8, MaxQueueDelayMicroseconds: 20_000), warmupRuns: 0);

        var wrong = test.Server.InferAsync([new TensorData("x", [1, 15], new float[15])], CancellationToken.None);
        var right = test.Server.InferAsync(TestServer.Item(TestModels.Values(16, 1)), CancellationToken.None);

        await Assert.ThrowsAsync<InferenceFailedException>(() => wrong);
        Assert.Equal(1, (await right).BatchSize);
    }
}
