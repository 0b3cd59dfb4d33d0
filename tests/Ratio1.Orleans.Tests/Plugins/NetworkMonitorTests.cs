using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Plugins;

/// <summary><c>NET_MON_01</c> reads the cluster's nodes through its context (no service provider) and sends the network map.</summary>
[Collection(SiloCollection.Name)]
public sealed class NetworkMonitorTests(SiloFixture fixture)
{
    private const string Node = SiloFixture.NodeId;

    [Fact]
    public async Task The_network_map_shows_this_node_online()
    {
        var name = SiloFixture.UniqueName();
        await using var traffic = await TrafficRecorder.StartAsync(fixture.Session, Node, name);
        var pipeline = fixture.Session.CreatePipeline(Node, name, "Void");
        pipeline.CreatePluginInstance("NET_MON_01", "n1", new Dictionary<string, object?> { ["PROCESS_DELAY"] = 0.2 });

        await pipeline.DeployAsync();
        await traffic.WaitUntilAsync(t => t.Payloads.Any(), what: "a network map");

        var map = traffic.Payloads[0].Data;
        Assert.Equal("ONLINE", map["CURRENT_NETWORK"].Fields[Node].Fields["WORKING"].AsString());
        Assert.DoesNotContain(Node, map["CURRENT_ALERTED"].Items.Select(i => i.AsString()));
        Assert.Matches(@"^\d+ of \d+ nodes online$", map["MESSAGE"].AsString());
    }
}
