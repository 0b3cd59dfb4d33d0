using Ratio1.Orleans.Client;
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
        await silo.Runtime.OnPipelineCommittedAsync(new PipelineCommit("ordered", 1, first, first.CreatedAt));
        await Until(() => silo.Runtime.PipelineReads > readsBefore, "the runtime to check the late push against storage");

        Assert.Equal(readsBefore + 1, silo.Runtime.PipelineReads);
        Assert.Equal(2, silo.Runtime.RunningPipelines["ordered"]);
    }

    [Fact]
    public async Task A_pipeline_deleted_and_created_again_at_the_same_version_runs_from_its_push()
    {
        // No reconcile: the push alone must start the new pipeline, or the confirmed deploy times out.
        await using var silo = await TestSilo.StartAsync("edge-recreate", configure: SiloFixture.TestPluginsOn, extraArgs: ["--Node:ReconcileSeconds=3600"]);
        await using var session = await silo.ConnectAsync();
        var first = session.CreatePipeline(silo.NodeId, "again", "Void");
        first.CreatePluginInstance("ECHO_01", "e1", new Dictionary<string, object?> { ["PROCESS_DELAY"] = 1 });
        await first.DeployAsync();
        await session.DeletePipelineAsync(silo.NodeId, "again");
        await Until(() => !silo.Runtime.RunningPipelines.ContainsKey("again"), "the deleted pipeline to stop");

        var second = session.CreatePipeline(silo.NodeId, "again", "Void");
        second.CreatePluginInstance("ECHO_01", "e1", new Dictionary<string, object?> { ["PROCESS_DELAY"] = 1 });
        var outcome = await second.DeployAsync(new DeployOptions { Timeout = TimeSpan.FromSeconds(10) });

        Assert.Equal(1, outcome.Version);
        Assert.Equal(1, silo.Runtime.RunningPipelines["again"]);
    }

    [Fact]
    public async Task A_late_delete_of_the_previous_life_does_not_stop_the_pipeline_created_again()
    {
        await using var silo = await TestSilo.StartAsync("edge-late-delete", configure: SiloFixture.TestPluginsOn, extraArgs: ["--Node:ReconcileSeconds=3600"]);
        await using var session = await silo.ConnectAsync();
        await session.DeployPipelineJsonAsync(silo.NodeId, """{"NAME":"relived","TYPE":"Void","PLUGINS":[{"SIGNATURE":"ECHO_01","INSTANCES":[{"INSTANCE_ID":"e1","PROCESS_DELAY":1}]}]}""");
        var oldLife = await session.GetPipelineAsync(silo.NodeId, "relived");
        await session.DeletePipelineAsync(silo.NodeId, "relived");
        await Until(() => !silo.Runtime.RunningPipelines.ContainsKey("relived"), "the deleted pipeline to stop");
        await session.DeployPipelineJsonAsync(silo.NodeId, """{"NAME":"relived","TYPE":"Void","PLUGINS":[{"SIGNATURE":"ECHO_01","INSTANCES":[{"INSTANCE_ID":"e1","PROCESS_DELAY":1}]}]}""");
        await Until(() => silo.Runtime.RunningPipelines.ContainsKey("relived"), "the pipeline created again to run");
        var readsBefore = silo.Runtime.PipelineReads;

        // The old life's delete (at its version 1, like the new one) arrives after the new life started.
        await silo.Runtime.OnPipelineCommittedAsync(new PipelineCommit("relived", oldLife.Version, Snapshot: null, oldLife.CreatedAt));
        await Until(() => silo.Runtime.PipelineReads > readsBefore, "the runtime to check the late delete against storage");

        Assert.Equal(1, silo.Runtime.RunningPipelines["relived"]);
    }

    [Fact]
    public async Task A_version_that_fails_to_apply_is_not_counted_as_running()
    {
        await using var silo = await TestSilo.StartAsync("edge-failed-apply", configure: SiloFixture.TestPluginsOn, extraArgs: ["--Node:ReconcileSeconds=3600"]);
        await using var session = await silo.ConnectAsync();
        await session.DeployPipelineJsonAsync(silo.NodeId, """{"NAME":"unapplied","TYPE":"Void","PLUGINS":[{"SIGNATURE":"ECHO_01","INSTANCES":[{"INSTANCE_ID":"e1","PROCESS_DELAY":1}]}]}""");
        var first = await session.GetPipelineAsync(silo.NodeId, "unapplied");

        // A version the node cannot start (an unknown time zone; the deploy check would refuse it, a push does not check).
        var broken = PipelineConfig.Parse("""{"NAME":"unapplied","TYPE":"Void","PLUGINS":[{"SIGNATURE":"ECHO_01","INSTANCES":[{"INSTANCE_ID":"e1","PROCESS_DELAY":1},{"INSTANCE_ID":"e2","WORKING_HOURS":[["09:00","17:00"]],"WORKING_HOURS_TIMEZONE":"Nowhere/Nowhere"}]}]}""");
        var second = first with { Config = broken, Revision = first.Revision with { Version = 2 }, LatestVersion = 2 };
        await silo.Runtime.OnPipelineCommittedAsync(new PipelineCommit("unapplied", 2, second, first.CreatedAt));
        await Task.Delay(TimeSpan.FromSeconds(1));

        // Still behind: the next reconcile sees a difference with storage and tries again.

        Assert.Equal(1, silo.Runtime.RunningPipelines["unapplied"]);
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
