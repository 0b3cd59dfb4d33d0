using System.Diagnostics;
using Ratio1.Orleans.Testing;

namespace Ratio1.Orleans.Tests.Traffic;

/// <summary>
/// An empty memory queue is read when a publisher rings its doorbell, not polled every pulling period: a node that
/// was quiet for a while still answers within a few pulling periods, even with a long idle polling period.
/// </summary>
public sealed class IdleQueueTests
{
    [Fact]
    public async Task A_node_quiet_for_a_while_answers_a_request_without_waiting_for_its_idle_poll()
    {
        // Without doorbells a quiet queue would be read only once a minute here.
        await using var silo = await TestSilo.StartAsync("quiet-node", extraArgs: ["--Traffic:IdlePollingPeriodMs=60000"]);
        await using var session = await silo.ConnectAsync();
        var pipeline = session.CreatePipeline(silo.NodeId, "asked", "OnDemandInput");
        pipeline.CreatePluginInstance("ECHO_01", "e1");
        await pipeline.DeployAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));

        var asked = Stopwatch.StartNew();
        var answer = await session.RequestAsync(silo.NodeId, "asked", new Dictionary<string, object?> { ["QUESTION"] = 1 }, timeout: TimeSpan.FromSeconds(30));

        Assert.Equal("{\"QUESTION\":1}", answer.Data["DATA"].ToJson());
        Assert.True(asked.Elapsed < TimeSpan.FromSeconds(10), $"answered after {asked.Elapsed.TotalMilliseconds:0} ms");
    }
}
