using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Serving.Batching;
using Ratio1.Orleans.Serving.Providers;

namespace Ratio1.Orleans.Tests.Serving.Batching;

/// <summary>A full queue refuses at once, and refusing costs no memory that stays.</summary>
[Collection(ServingSoloCollection.Name)]
public sealed class BackPressureTests
{
    [Fact]
    public async Task A_full_queue_refuses_at_once_with_ModelOverloadedException_and_serves_what_it_accepted()
    {
        var devices = new DeviceSlots(new Dictionary<string, int> { ["cpu"] = 1 });
        await using var test = TestServer.Start(TestServer.Linear16x8(), new BatchingSettings(MaxBatchSize: 2, MaxQueueSize: 4), devices);
        Task<BatchResult>[] accepted;
        using (devices.Acquire(DeviceSlots.Cpu))
        {
            accepted = [.. Enumerable.Range(0, 4).Select(i => test.Server.InferAsync(TestServer.Item(TestModels.Values(16, i)), CancellationToken.None))];

            var refused = test.Server.InferAsync(TestServer.Item(TestModels.Values(16, 9)), CancellationToken.None);

            Assert.True(refused.IsFaulted, "a full queue refuses at once, without waiting");
            var error = await Assert.ThrowsAsync<ModelOverloadedException>(() => refused);
            Assert.Equal((test.Server.Declaration.Name, 4), (error.Model, error.QueueSize));
            Assert.Equal(4, test.Server.Stats().QueueDepth);
        }

        await Task.WhenAll(accepted);
        Assert.Equal((4L, 1L), (test.Server.Stats().Completed, test.Server.Stats().Overloaded));
    }

    [Fact]
    public async Task A_flood_against_a_full_queue_leaves_managed_memory_where_it_was()
    {
        var devices = new DeviceSlots(new Dictionary<string, int> { ["cpu"] = 1 });
        await using var test = TestServer.Start(TestServer.Linear16x8(), new BatchingSettings(MaxBatchSize: 8, MaxQueueSize: 64), devices);
        var item = TestServer.Item(TestModels.Values(16, 1));
        Task<BatchResult>[] accepted;
        long before, after;
        const int flood = 100_000;
        using (devices.Acquire(DeviceSlots.Cpu))
        {
            accepted = [.. Enumerable.Range(0, 64).Select(_ => test.Server.InferAsync(item, CancellationToken.None))];
            Flood(test.Server, item, 1_000);
            before = GC.GetTotalMemory(forceFullCollection: true);

            Flood(test.Server, item, flood);

            after = GC.GetTotalMemory(forceFullCollection: true);
        }

        await Task.WhenAll(accepted);
        Assert.Equal(flood + 1_000L, test.Server.Stats().Overloaded);
        Assert.True(after - before < 256 * 1024, $"managed memory grew by {(after - before) / 1024} KiB over {flood} refused requests");
    }

    private static void Flood(ModelServer server, IReadOnlyList<TensorData> item, int requests)
    {
        for (var i = 0; i < requests; i++)
        {
            var refused = server.InferAsync(item, CancellationToken.None);
            Assert.True(refused.IsFaulted);
            _ = refused.Exception;
        }
    }
}
