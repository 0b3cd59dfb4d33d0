using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Nodes;
using Ratio1.Orleans.Testing;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Nodes;

/// <summary>A silo registers the node it serves; clients see the fleet and each node's liveness.</summary>
[Collection(SiloCollection.Name)]
public sealed class NodeRegistrationTests(SiloFixture fixture)
{
    [Fact]
    public async Task A_started_silo_registers_its_node_as_online()
    {
        var nodes = await fixture.Session.GetNodesAsync();

        var node = Assert.Single(nodes, n => n.NodeId == SiloFixture.NodeId);
        Assert.Equal((NodeStatus.Online, SiloFixture.NodeId), (node.Status, node.Alias));
        Assert.False(string.IsNullOrEmpty(node.SiloAddress));
    }

    [Fact]
    public async Task Waiting_for_an_online_node_returns_it()
    {
        var node = await fixture.Session.WaitForNodeAsync(SiloFixture.NodeId, TimeSpan.FromSeconds(5));

        Assert.True(node.IsOnline);
    }

    [Fact]
    public async Task Waiting_for_a_node_that_never_registers_times_out_naming_it()
    {
        var error = await Assert.ThrowsAsync<TimeoutException>(() => fixture.Session.WaitForNodeAsync("edge-missing", TimeSpan.FromMilliseconds(300)));

        Assert.Contains("edge-missing", error.Message);
    }

    [Fact]
    public async Task Asking_for_an_unknown_node_lists_the_known_ones()
    {
        var error = await Assert.ThrowsAsync<NodeNotFoundException>(() => fixture.Session.GetNodeAsync("edge-unknown"));

        Assert.Contains(SiloFixture.NodeId, error.KnownNodes);
    }

    [Fact]
    public async Task A_node_whose_silo_shut_down_cleanly_shows_offline()
    {
        var data = Directory.CreateTempSubdirectory("r1-offline-").FullName;
        await using (var first = await TestSilo.StartAsync("edge-a", data))
        {
            await first.StopAsync();
        }

        await using var second = await TestSilo.StartAsync("edge-b", data);
        await using var session = await second.ConnectAsync();

        Assert.Equal(NodeStatus.Offline, (await session.GetNodeAsync("edge-a")).Status);
        Assert.Equal(NodeStatus.Online, (await session.GetNodeAsync("edge-b")).Status);
    }

    [Theory]
    [InlineData(false, 59, NodeStatus.Online)]
    [InlineData(false, 61, NodeStatus.Lost)]
    [InlineData(true, 1, NodeStatus.Offline)]
    public void A_node_is_lost_after_sixty_seconds_without_a_report(bool shutDownCleanly, int secondsSinceSeen, NodeStatus expected)
    {
        var now = DateTimeOffset.UtcNow;

        Assert.Equal(expected, NodeLiveness.Evaluate(shutDownCleanly, now.AddSeconds(-secondsSinceSeen), now));
    }
}
