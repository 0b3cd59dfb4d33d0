using System.Collections.Concurrent;
using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Serving.Batching;

namespace Ratio1.Orleans.Tests.Serving.Batching;

/// <summary>Items go in alone and come back as their own slice of a batch, batches form under load and respect their bounds.</summary>
public sealed class DynamicBatchingTests
{
    private const int Requesters = 64;

    [Fact]
    public async Task Sixty_four_concurrent_requesters_each_get_exactly_their_own_results_in_order()
    {
        await using var test = TestServer.Start(TestServer.Linear16x8(), new BatchingSettings(MaxBatchSize: 16, MaxQueueDelayMicroseconds: 500));
        const int perRequester = 20;
        var inputs = Enumerable.Range(0, Requesters).Select(r => Enumerable.Range(0, perRequester).Select(i => TestModels.Values(16, seed: 1000 * r + i)).ToArray()).ToArray();
        var expected = inputs.Select(test.Direct).ToArray();

        var received = await Task.WhenAll(inputs.Select(mine => Task.Run(async () =>
        {
            var results = new List<BatchResult>();
            foreach (var values in mine)
            {
                results.Add(await test.Server.InferAsync(TestServer.Item(values), CancellationToken.None));
            }

            return results;
        })));

        for (var r = 0; r < Requesters; r++)
        {
            for (var i = 0; i < perRequester; i++)
            {
                var output = Assert.Single(received[r][i].Outputs);
                Assert.Equal("y", output.Name);
                Assert.Equal<long>([1, 8], output.Shape);
                Assert.Equal(expected[r][i].Length, output.Values.Length);
                for (var k = 0; k < output.Values.Length; k++)
                {
                    Assert.True(Math.Abs(expected[r][i][k] - output.Values[k]) <= 1e-5, $"requester {r}, item {i}, value {k}: {output.Values[k]} vs {expected[r][i][k]}");
                }
            }
        }
    }

    [Fact]
    public async Task Batches_form_under_concurrency_and_never_exceed_the_max_batch()
    {
        await using var test = TestServer.Start(TestServer.Linear16x8(), new BatchingSettings(MaxBatchSize: 8, MaxQueueDelayMicroseconds: 2_000));

        var sizes = await RunConcurrentlyAsync(test.Server, Requesters, perRequester: 10);

        Assert.Contains(sizes, s => s > 1);
        Assert.All(sizes, s => Assert.InRange(s, 1, 8));
        Assert.True(test.Server.Stats().MeanBatchSize > 1, $"mean batch {test.Server.Stats().MeanBatchSize}");
    }

    [Fact]
    public async Task A_max_batch_of_one_runs_every_item_alone()
    {
        await using var test = TestServer.Start(TestServer.Linear16x8(), new BatchingSettings(MaxBatchSize: 1, MaxQueueDelayMicroseconds: 2_000));

        var sizes = await RunConcurrentlyAsync(test.Server, Requesters, perRequester: 5);

        Assert.All(sizes, s => Assert.Equal(1, s));
        Assert.Equal(Requesters * 5, test.Server.Stats().Batches);
    }

    [Fact]
    public async Task A_full_queue_shorter_than_the_max_batch_runs_at_once_instead_of_waiting_out_the_delay()
    {
        await using var test = TestServer.Start(TestServer.Linear16x8(), new BatchingSettings(MaxBatchSize: 8, MaxQueueDelayMicroseconds: 60_000_000, MaxQueueSize: 4));

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => test.Server.InferAsync(TestServer.Item(TestModels.Values(16, i)), CancellationToken.None)))
            .WaitAsync(TimeSpan.FromSeconds(20));

        Assert.All(results, r => Assert.Equal(4, r.BatchSize));
    }

    private static async Task<int[]> RunConcurrentlyAsync(ModelServer server, int requesters, int perRequester)
    {
        var sizes = new ConcurrentBag<int>();
        await Task.WhenAll(Enumerable.Range(0, requesters).Select(r => Task.Run(async () =>
        {
            for (var i = 0; i < perRequester; i++)
            {
                sizes.Add((await server.InferAsync(TestServer.Item(TestModels.Values(16, r * 100 + i)), CancellationToken.None)).BatchSize);
            }
        })));
        return [.. sizes];
    }
}
