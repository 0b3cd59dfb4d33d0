using Ratio1.Orleans.Testing;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Dashboard;

/// <summary>A browser that reads the feed too slowly costs the server a bounded buffer: the oldest messages are dropped, counted and announced.</summary>
[Collection(FeedCollection.Name)]
public sealed class FeedBackPressureTests(FeedFixture fixture)
{
    [Fact]
    public async Task A_slow_reader_gets_a_dropped_event_and_its_buffer_on_the_server_stays_bounded()
    {
        var name = SiloFixture.UniqueName("flood");
        var (response, feed) = await FeedEventReader.OpenAsync(fixture.Http, fixture.Feed($"pipeline={name}&kinds=payload"), CancellationToken.None);
        using (response)
        using (feed)
        {
            var connection = Assert.Single(fixture.Broadcast.Connections, c => c.Filter.Pipeline == name);
            // Large payloads as fast as the node sends them, and nobody reading: the socket fills, then the buffer.
            await fixture.Session.DeployPipelineJsonAsync(FeedFixture.NodeId, FloodPipeline.Json(name, instances: 2, messageBytes: 8_000));
            var mostBuffered = 0;
            using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
            {
                while (connection.Dropped == 0)
                {
                    mostBuffered = Math.Max(mostBuffered, connection.Buffered);
                    await Task.Delay(20, timeout.Token);
                }
            }

            var dropped = (await feed.ReadUntilAsync(e => e.Name == "dropped", TimeSpan.FromSeconds(60))).Last().Json;
            await fixture.Session.DeletePipelineAsync(FeedFixture.NodeId, name);

            Assert.InRange(mostBuffered, 0, FeedFixture.BufferMessages);
            Assert.InRange(connection.Buffered, 0, FeedFixture.BufferMessages);
            Assert.True(dropped.GetProperty("count").GetInt64() > 0);
            Assert.True(dropped.GetProperty("total").GetInt64() >= dropped.GetProperty("count").GetInt64());
        }
    }
}
