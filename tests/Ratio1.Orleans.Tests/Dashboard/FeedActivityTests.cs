using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Dashboard;

/// <summary>What the feed keeps of each node for the node view: recent heartbeats, and each instance's payload rate and last error.</summary>
[Collection(FeedCollection.Name)]
public sealed class FeedActivityTests(FeedFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_nodes_recent_heartbeats_grow_as_its_heartbeats_arrive()
    {
        var activity = fixture.Activity;
        await Until(() => activity.GetRecentHeartbeats(FeedFixture.NodeId).Count >= 1);
        var before = activity.GetRecentHeartbeats(FeedFixture.NodeId);

        await Until(() => activity.GetRecentHeartbeats(FeedFixture.NodeId).Count >= Math.Min(before.Count + 2, 120));

        var after = activity.GetRecentHeartbeats(FeedFixture.NodeId);
        Assert.True(after[^1].At > before[^1].At, "a newer heartbeat is last");
        Assert.Equal(after.OrderBy(v => v.At), after);
        Assert.Equal(after[^1].At, activity.GetLatestHeartbeat(FeedFixture.NodeId)!.At);
    }

    [Fact]
    public async Task An_instance_shows_its_payload_rate_and_a_failing_one_its_last_error()
    {
        var name = SiloFixture.UniqueName("act");
        await fixture.DeployAsync(name, 0.1, ("ECHO_01", "echo"), ("FAILING_01", "fail"));
        var activity = fixture.Activity;

        await Until(() => activity.GetInstanceActivity(FeedFixture.NodeId).Any(a => a.Pipeline == name && a.InstanceId == "fail" && a.LastError is not null)
            && activity.GetInstanceActivity(FeedFixture.NodeId).Any(a => a.Pipeline == name && a.InstanceId == "echo" && a.PayloadsPerSecond > 0));

        var mine = activity.GetInstanceActivity(FeedFixture.NodeId).Where(a => a.Pipeline == name).ToList();
        var echo = Assert.Single(mine, a => a.InstanceId == "echo");
        var fail = Assert.Single(mine, a => a.InstanceId == "fail");
        Assert.Equal("ECHO_01", echo.Signature);
        Assert.NotNull(echo.LastPayloadAt);
        Assert.Null(echo.LastError);
        Assert.Equal("PLUGIN_DELAYED", fail.LastError!.Code);
    }

    private static async Task Until(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!condition())
        {
            await Task.Delay(100, timeout.Token);
        }
    }
}
