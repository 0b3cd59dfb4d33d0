using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Serving.Providers;

namespace Ratio1.Orleans.Tests.Serving.Batching;

/// <summary>Unloading refuses what comes after and serves what came before.</summary>
public sealed class UnloadTests
{
    [Fact]
    public async Task Unloading_fails_later_requests_with_a_clear_error_and_lets_accepted_ones_finish()
    {
        var devices = new DeviceSlots(new Dictionary<string, int> { ["cpu"] = 1 });
        await using var test = TestServer.Start(TestServer.Linear16x8(), new BatchingSettings(MaxBatchSize: 2), devices, name: "unload-me");
        var device = devices.Acquire(DeviceSlots.Cpu);
        var accepted = Enumerable.Range(0, 5).Select(i => test.Server.InferAsync(TestServer.Item(TestModels.Values(16, i)), CancellationToken.None)).ToArray();

        var unloading = test.Server.DisposeAsync().AsTask();
        var later = test.Server.InferAsync(TestServer.Item(TestModels.Values(16, 9)), CancellationToken.None);

        var error = await Assert.ThrowsAsync<ObjectDisposedException>(() => later);
        Assert.Contains("model 'unload-me' was unloaded", error.Message);
        Assert.False(unloading.IsCompleted, "unloading waits for the accepted items");
        device.Dispose();
        var results = await Task.WhenAll(accepted);
        await unloading.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.All(results, r => Assert.Equal<long>([1, 8], r.Outputs[0].Shape));
        Assert.Equal(5L, test.Server.Stats().Completed);
    }

    [Fact]
    public async Task Unloading_twice_is_harmless()
    {
        await using var test = TestServer.Start(TestServer.Linear16x8());

        await test.Server.DisposeAsync();
        await test.Server.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => test.Server.InferAsync(TestServer.Item(TestModels.Values(16, 1)), CancellationToken.None));
    }
}
