using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Serving.Providers;

namespace Ratio1.Orleans.Tests.Serving.Batching;

/// <summary>A caller that gives up is let go at once; the others are served as if it had never asked.</summary>
public sealed class CancellationTests
{
    [Fact]
    public async Task A_request_cancelled_while_queued_completes_as_cancelled_and_the_others_succeed_without_it()
    {
        var devices = new DeviceSlots(new Dictionary<string, int> { ["cpu"] = 1 });
        await using var test = TestServer.Start(TestServer.Linear16x8(), new BatchingSettings(MaxBatchSize: 8), devices);
        using var giveUp = new CancellationTokenSource();
        var device = devices.Acquire(DeviceSlots.Cpu);
        var first = test.Server.InferAsync(TestServer.Item(TestModels.Values(16, 1)), CancellationToken.None);
        var cancelled = test.Server.InferAsync(TestServer.Item(TestModels.Values(16, 2)), giveUp.Token);
        var last = test.Server.InferAsync(TestServer.Item(TestModels.Values(16, 3)), CancellationToken.None);

        await giveUp.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.True(cancelled.IsCanceled);
        Assert.Equal(2, test.Server.Stats().QueueDepth);
        device.Dispose();
        var results = await Task.WhenAll(first, last);
        Assert.All(results, r => Assert.Equal(2, r.BatchSize));
        var stats = test.Server.Stats();
        Assert.Equal((3L, 2L, 1L), (stats.Requests, stats.Completed, stats.Canceled));
    }

    [Fact]
    public async Task A_request_whose_token_is_already_cancelled_is_not_queued()
    {
        await using var test = TestServer.Start(TestServer.Linear16x8());

        var call = test.Server.InferAsync(TestServer.Item(TestModels.Values(16, 1)), new CancellationToken(canceled: true));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal((0, 1L), (test.Server.Stats().QueueDepth, test.Server.Stats().Canceled));
    }
}
