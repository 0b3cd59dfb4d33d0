using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts.Nodes;
using Ratio1.Orleans.Testing;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Runtime;

/// <summary>Config is desired state: a restarted node resumes its pipelines, and a node that was down runs what was deployed meanwhile.</summary>
public sealed class NodeRestartTests
{
    [Fact]
    public async Task A_restarted_node_resumes_its_pipelines_with_no_client_action()
    {
        await using var silo = await TestSilo.StartAsync("edge-resume", configure: SiloFixture.TestPluginsOn);
        await using (var session = await silo.ConnectAsync())
        {
            var pipeline = session.CreatePipeline(silo.NodeId, "steady", "Void");
            pipeline.CreatePluginInstance("ECHO_01", "e1", new Dictionary<string, object?> { ["ALLOW_EMPTY_INPUTS"] = true, ["PROCESS_DELAY"] = 0.1, ["MESSAGE"] = "still here" });
            await pipeline.DeployAsync();
        }

        await silo.RestartAsync();
        await using var after = await silo.ConnectAsync();
        await using var traffic = await TrafficRecorder.StartAsync(after, silo.NodeId, "steady");

        await traffic.WaitUntilAsync(t => t.Payloads.Count >= 3, what: "payloads after the restart");
        Assert.All(traffic.Payloads, p => Assert.Equal("still here", p.Data["MESSAGE"].AsString()));
    }

    [Fact]
    public async Task A_deploy_sent_while_the_node_was_down_runs_once_it_is_up()
    {
        var data = Directory.CreateTempSubdirectory("r1-desired-").FullName;
        await using (var first = await TestSilo.StartAsync("edge-late", data, SiloFixture.TestPluginsOn))
        {
            await first.StopAsync();
        }

        // Another node's silo on the same storage takes the deploy for the node that is down.
        await using (var other = await TestSilo.StartAsync("edge-other", data, SiloFixture.TestPluginsOn))
        await using (var session = await other.ConnectAsync())
        {
            Assert.Equal(NodeStatus.Offline, (await session.GetNodeAsync("edge-late")).Status);
            var pipeline = session.CreatePipeline("edge-late", "queued", "Void");
            pipeline.CreatePluginInstance("ECHO_01", "e1", new Dictionary<string, object?> { ["ALLOW_EMPTY_INPUTS"] = true, ["PROCESS_DELAY"] = 0.1 });
            var error = await Assert.ThrowsAsync<DeployNotConfirmedException>(() => pipeline.DeployAsync());
            Assert.Contains("offline", error.Message);
            Assert.Equal(1, error.Outcome.Version);

            // The hardware is the node's: no other silo runs its pipeline in the meantime.
            await Task.Delay(500);
            Assert.DoesNotContain("queued", other.Runtime.RunningPipelines.Keys);
        }

        await using var late = await TestSilo.StartAsync("edge-late", data, SiloFixture.TestPluginsOn);
        await using var client = await late.ConnectAsync();
        await using var traffic = await TrafficRecorder.StartAsync(client, "edge-late", "queued");

        await traffic.WaitUntilAsync(t => t.Payloads.Count >= 2, what: "payloads of the pipeline deployed while the node was down");
        Assert.All(traffic.Payloads, p => Assert.Equal("edge-late", p.Envelope.NodeId));
        Assert.Equal(1, late.Runtime.RunningPipelines["queued"]);
    }
}
