using Ratio1.Orleans.Contracts.Pipelines;
using Ratio1.Orleans.Testing;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Runtime;

/// <summary>
/// A deploy reaches the node whole: the runtime applies the pushed version without reading the pipeline back, and reads
/// it (a pull) only when a push comes out of order or never comes.
/// </summary>
public sealed class DeployPushTests
{
    [Fact]
    public async Task A_deploy_and_an_update_run_from_their_pushes_without_reading_the_pipeline_back()
    {
        // No reconcile during the test: every read the runtime makes would be one the push did not spare.
        await using var silo = await TestSilo.StartAsync("edge-push", configure: SiloFixture.TestPluginsOn, extraArgs: ["--Node:ReconcileSeconds=3600"]);
        await using var session = await silo.ConnectAsync();
        var readsBefore = silo.Runtime.PipelineReads;

        var pipeline = session.CreatePipeline(silo.NodeId, "pushed", "Void");
        pipeline.CreatePluginInstance("ECHO_01", "e1", new Dictionary<string, object?> { ["PROCESS_DELAY"] = 1 });
        await pipeline.DeployAsync();
        pipeline.UpdateInstanceConfig("ECHO_01", "e1", new Dictionary<string, object?> { ["MESSAGE"] = "second" });
        await pipeline.DeployAsync();

        Assert.Equal(2, silo.Runtime.RunningPipelines["pushed"]);
        Assert.Equal(readsBefore, silo.Runtime.PipelineReads);
    }

    [Fact]
    public async Task Archiving_and_deleting_stop_the_pipeline_from_their_pushes_without_reading_it_back()
    {
        await using var silo = await TestSilo.StartAsync("edge-push-stop", configure: SiloFixture.TestPluginsOn, extraArgs: ["--Node:ReconcileSeconds=3600"]);
        await using var session = await silo.ConnectAsync();
        var pipeline = session.CreatePipeline(silo.NodeId, "stopped", "Void");
        pipeline.CreatePluginInstance("ECHO_01", "e1", new Dictionary<string, object?> { ["PROCESS_DELAY"] = 1 });
        await pipeline.DeployAsync();
        var readsBefore = silo.Runtime.PipelineReads;

        await session.ClosePipelineAsync(silo.NodeId, "stopped");
        await Until(() => !silo.Runtime.RunningPipelines.ContainsKey("stopped"), "the archived pipeline to stop");
        var revived = await session.DeployPipelineJsonAsync(silo.NodeId, """{"NAME":"stopped","TYPE":"Void","PLUGINS":[{"SIGNATURE":"ECHO_01","INSTANCES":[{"INSTANCE_ID":"e1","PROCESS_DELAY":1}]}]}""");
        await Until(() => silo.Runtime.RunningPipelines.GetValueOrDefault("stopped") == revived.Version, "the revived pipeline to run");
        await session.DeletePipelineAsync(silo.NodeId, "stopped");
        await Until(() => !silo.Runtime.RunningPipelines.ContainsKey("stopped"), "the deleted pipeline to stop");

        Assert.Equal(readsBefore, silo.Runtime.PipelineReads);
    }

    [Fact]
    public async Task An_older_push_arriving_late_never_replaces_the_newer_running_version()
    {
        await using var silo = await TestSilo.StartAsync("edge-late-push", configure: SiloFixture.TestPluginsOn, extraArgs: ["--Node:ReconcileSeconds=3600"]);
        await using var session = await silo.ConnectAsync();
        var pipeline = session.CreatePipeline(silo.NodeId, "ordered", "Void");
        pipeline.CreatePluginInstance("ECHO_01", "e1", new Dictionary<string, object?> { ["PROCESS_DELAY"] = 1 });
        await pipeline.DeployAsync();
        pipeline.UpdateInstanceConfig("ECHO_01", "e1", new Dictionary<string, object?> { ["MESSAGE"] = "second" });
        await pipeline.DeployAsync();
        var first = await session.GetPipelineAsync(silo.NodeId, "ordered", version: 1);
        var readsBefore = silo.Runtime.PipelineReads;

        // The push of version 1 arrives after version 2 was applied (pushes travel concurrently).
        await silo.Runtime.OnPipelineCommittedAsync(new PipelineCommit("ordered", 1, first));
        await Until(() => silo.Runtime.PipelineReads > readsBefore, "the runtime to check the late push against storage");

        Assert.Equal(readsBefore + 1, silo.Runtime.PipelineReads);
        Assert.Equal(2, silo.Runtime.RunningPipelines["ordered"]);
    }

    [Fact]
    public async Task A_push_the_node_never_received_is_healed_by_the_reconcile()
    {
        // A heartbeat would give the node grain its runtime back at once; this test needs it to stay without one.
        await using var silo = await TestSilo.StartAsync("edge-lost-push", configure: SiloFixture.TestPluginsOn,
            extraArgs: ["--Node:ReconcileSeconds=1", "--Node:SecondsHeartbeat=3600"]);
        await using var session = await silo.ConnectAsync();
        var readsBefore = silo.Runtime.PipelineReads;

        // The node grain moves (here: it is collected and activated again): until the node reports again, it has no
        // runtime to push to, so the deploy's push is lost.
        await session.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var pipeline = session.CreatePipeline(silo.NodeId, "unpushed", "Void");
        pipeline.CreatePluginInstance("ECHO_01", "e1", new Dictionary<string, object?> { ["PROCESS_DELAY"] = 1 });
        await pipeline.DeployAsync();

        Assert.Equal(1, silo.Runtime.RunningPipelines["unpushed"]);
        Assert.True(silo.Runtime.PipelineReads > readsBefore, "the reconcile read the pipeline the push did not bring");
    }

    private static async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}");
            await Task.Delay(50);
        }
    }
}
