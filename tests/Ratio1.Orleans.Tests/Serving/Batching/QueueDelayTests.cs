using Ratio1.Orleans.Contracts.Serving;

namespace Ratio1.Orleans.Tests.Serving.Batching;

/// <summary>The queue delay is what a lone item waits for company: honoured below a millisecond, and 0 means no wait.</summary>
[Collection(ServingSoloCollection.Name)]
public sealed class QueueDelayTests
{
    [Fact]
    public async Task A_lone_item_waits_the_sub_millisecond_queue_delay_and_no_longer()
    {
        await using var test = TestServer.Start(TestServer.Linear16x8(), new BatchingSettings(MaxBatchSize: 64, MaxQueueDelayMicroseconds: 300));
        var waits = new List<double>();
        for (var i = 0; i < 60; i++)
        {
            waits.Add((await test.Server.InferAsync(TestServer.Item(TestModels.Values(16, i)), CancellationToken.None)).QueueMicroseconds);
        }

        // Never early; and at best (other processes' threads can always delay a wake-up) below what any
        // millisecond-grained blocking wait could give.
        Assert.All(waits, w => Assert.True(w >= 300, $"waited {w:0} µs, less than the 300 µs delay"));
        Assert.True(waits.Min() < 900, $"the shortest wait was {waits.Min():0} µs: the 300 µs delay was rounded up to a blocking wait");
    }

    [Fact]
    public async Task A_zero_delay_runs_what_is_waiting_without_waiting_for_more()
    {
        await using var test = TestServer.Start(TestServer.Linear16x8(), new BatchingSettings(MaxBatchSize: 64, MaxQueueDelayMicroseconds: 0));
        var waits = new List<double>();
        for (var i = 0; i < 30; i++)
        {
            var result = await test.Server.InferAsync(TestServer.Item(TestModels.Values(16, i)), CancellationToken.None);
            Assert.Equal(1, result.BatchSize);
            waits.Add(result.QueueMicroseconds);
        }

        Assert.True(waits.Min() < 300, $"the shortest wait was {waits.Min():0} µs with no delay");
    }
}
