using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Pipelines;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Pipelines;

/// <summary>Ratio1's pipeline commands against a running silo, through the client library.</summary>
[Collection(SiloCollection.Name)]
public sealed class PipelineLifecycleTests(SiloFixture fixture)
{
    private const string Node = SiloFixture.NodeId;
    private Ratio1Session Session => fixture.Session;

    [Fact]
    public async Task Deploying_a_new_pipeline_makes_version_1_with_every_instance_created()
    {
        var pipeline = NewPipeline(out var name);

        var outcome = await pipeline.DeployAsync();

        Assert.Equal((1, PipelineAction.Create, true), (outcome.Version, outcome.Action, outcome.Changed));
        Assert.All(outcome.Instances, i => Assert.Equal((InstanceChange.Created, 1), (i.Change, i.Version)));
        Assert.Equal(2, (await Session.GetPipelineAsync(Node, name)).Config.InstanceCount);
    }

    [Fact]
    public async Task Deploying_the_same_config_again_makes_no_new_version()
    {
        var name = await DeployNewAsync();
        var json = (await Session.GetPipelineAsync(Node, name)).Config.ToJson();

        var outcome = await Session.DeployPipelineJsonAsync(Node, json);

        Assert.Equal((1, false), (outcome.Version, outcome.Changed));
        Assert.Single(await Session.GetPipelineHistoryAsync(Node, name));
    }

    [Fact]
    public async Task Update_config_merges_top_level_keys_and_replaces_plugins_wholesale()
    {
        var name = await DeployNewAsync();

        var outcome = await Session.UpdatePipelineAsync(Node, name, new Dictionary<string, object?>
        {
            ["CAP_RESOLUTION"] = 5,
            ["PLUGINS"] = new object[] { new Dictionary<string, object?> { ["SIGNATURE"] = "ECHO_01", ["INSTANCES"] = new object[] { new Dictionary<string, object?> { ["INSTANCE_ID"] = "e1", ["PROCESS_DELAY"] = 3 } } } },
        });

        var config = (await Session.GetPipelineAsync(Node, name)).Config;
        Assert.Equal((2, 5.0, "http://cam/1"), (outcome.Version, config.CaptureResolution, config.Url));
        Assert.Equal([("ECHO_01", "e1", InstanceChange.Updated, 2), ("SENSOR_THRESHOLD_01", "t1", InstanceChange.Removed, 0)],
            outcome.Instances.Select(i => (i.Signature, i.InstanceId, i.Change, i.Version)).OrderBy(i => i.Signature));
    }

    [Fact]
    public async Task An_instance_delta_changes_only_that_instance_and_bumps_only_its_version()
    {
        var name = await DeployNewAsync();

        var outcome = await Session.UpdateInstanceAsync(Node, name, "ECHO_01", "e1", new Dictionary<string, object?> { ["PROCESS_DELAY"] = 7, ["LIMITS.HIGH"] = 9 });

        var snapshot = await Session.GetPipelineAsync(Node, name);
        var echo = snapshot.Config.FindInstance("ECHO_01", "e1")!;
        Assert.Equal((2, PipelineAction.UpdateInstance), (outcome.Version, outcome.Action));
        Assert.Equal((7.0, "{\"HIGH\":9}"), (echo.ProcessDelay, echo.Settings["LIMITS"].ToJson()));
        Assert.Equal([("ECHO_01", 2), ("SENSOR_THRESHOLD_01", 1)], snapshot.InstanceVersions.Select(v => (v.Signature, v.Version)).OrderBy(v => v.Signature));
    }

    [Fact]
    public async Task Staged_instance_changes_deploy_as_one_batch_update()
    {
        var name = await DeployNewAsync();
        var pipeline = await Session.AttachToPipelineAsync(Node, name);
        pipeline.UpdateInstanceConfig("ECHO_01", "e1", new Dictionary<string, object?> { ["PROCESS_DELAY"] = 4 });
        pipeline.UpdateInstanceConfig("SENSOR_THRESHOLD_01", "t1", new Dictionary<string, object?> { ["ALERT_RAISE_VALUE"] = 0.9 });

        var outcome = await pipeline.DeployAsync();

        Assert.Equal((2, PipelineAction.BatchUpdateInstances), (outcome.Version, outcome.Action));
        Assert.All(outcome.Instances, i => Assert.Equal((InstanceChange.Updated, 2), (i.Change, i.Version)));
        Assert.Equal(2, pipeline.Version);
    }

    [Fact]
    public async Task Removing_a_staged_instance_deploys_the_pipeline_without_it()
    {
        var name = await DeployNewAsync();
        var pipeline = await Session.AttachToPipelineAsync(Node, name);
        pipeline.RemovePluginInstance("ECHO_01", "e1");

        var outcome = await pipeline.DeployAsync();

        Assert.Contains(outcome.Instances, i => i is { InstanceId: "e1", Change: InstanceChange.Removed });
        Assert.Null((await Session.GetPipelineAsync(Node, name)).Config.FindInstance("ECHO_01", "e1"));
    }

    [Fact]
    public async Task A_node_wide_batch_updates_instances_of_several_pipelines()
    {
        var first = await DeployNewAsync();
        var second = await DeployNewAsync();

        var outcomes = await Session.BatchUpdateInstancesAsync(Node,
        [
            new PipelineInstanceUpdate(first, new InstanceUpdate("ECHO_01", "e1", ConfigMap.Parse("""{"PROCESS_DELAY":11}"""))),
            new PipelineInstanceUpdate(second, new InstanceUpdate("ECHO_01", "e1", ConfigMap.Parse("""{"PROCESS_DELAY":12}"""))),
        ]);

        Assert.Equal([2, 2], outcomes.Select(o => o.Version));
        Assert.Equal(11, (await Session.GetPipelineAsync(Node, first)).Config.FindInstance("ECHO_01", "e1")!.ProcessDelay);
        Assert.Equal(12, (await Session.GetPipelineAsync(Node, second)).Config.FindInstance("ECHO_01", "e1")!.ProcessDelay);
    }

    [Fact]
    public async Task Archiving_hides_the_pipeline_from_the_live_list_but_keeps_its_config()
    {
        var name = await DeployNewAsync();

        var outcome = await Session.ClosePipelineAsync(Node, name);

        Assert.Equal((2, PipelineAction.Archive), (outcome.Version, outcome.Action));
        Assert.DoesNotContain(await Session.GetPipelinesAsync(Node), p => p.Name == name);
        Assert.Contains(await Session.GetPipelinesAsync(Node, includeArchived: true), p => p.Name == name && p.Archived);
        Assert.Equal(2, (await Session.GetPipelineAsync(Node, name)).Config.InstanceCount);
    }

    [Fact]
    public async Task Deploying_an_archived_pipeline_revives_it_as_a_new_version()
    {
        var name = await DeployNewAsync();
        await Session.ClosePipelineAsync(Node, name);
        var json = (await Session.GetPipelineAsync(Node, name)).Config.ToJson();

        var outcome = await Session.DeployPipelineJsonAsync(Node, json);

        Assert.Equal((3, PipelineAction.Create), (outcome.Version, outcome.Action));
        Assert.Contains(await Session.GetPipelinesAsync(Node), p => p.Name == name && !p.Archived);
    }

    [Fact]
    public async Task Deleting_removes_the_pipeline_and_its_history()
    {
        var name = await DeployNewAsync();
        await Session.UpdateInstanceAsync(Node, name, "ECHO_01", "e1", new Dictionary<string, object?> { ["PROCESS_DELAY"] = 2 });

        var lastVersion = await Session.DeletePipelineAsync(Node, name);

        Assert.Equal(2, lastVersion);
        await Assert.ThrowsAsync<PipelineNotFoundException>(() => Session.GetPipelineAsync(Node, name));
        await Assert.ThrowsAsync<PipelineNotFoundException>(() => Session.GetPipelineHistoryAsync(Node, name));
        Assert.DoesNotContain(await Session.GetPipelinesAsync(Node, includeArchived: true), p => p.Name == name);
    }

    [Fact]
    public async Task A_deleted_name_can_be_reused_and_starts_again_at_version_1()
    {
        var name = await DeployNewAsync();
        await Session.UpdateInstanceAsync(Node, name, "ECHO_01", "e1", new Dictionary<string, object?> { ["PROCESS_DELAY"] = 2 });
        await Session.DeletePipelineAsync(Node, name);

        var outcome = await Session.DeployPipelineJsonAsync(Node, $$"""{"NAME":"{{name}}","TYPE":"Void"}""");

        Assert.Equal(1, outcome.Version);
        Assert.Equal([1], (await Session.GetPipelineHistoryAsync(Node, name)).Select(h => h.Version));
    }

    [Fact]
    public async Task History_lists_every_version_newest_first_with_who_and_how()
    {
        var name = await DeployNewAsync();
        await Session.UpdateInstanceAsync(Node, name, "ECHO_01", "e1", new Dictionary<string, object?> { ["PROCESS_DELAY"] = 2 });
        await Session.ClosePipelineAsync(Node, name);

        var history = await Session.GetPipelineHistoryAsync(Node, name);

        Assert.Equal([(3, PipelineAction.Archive), (2, PipelineAction.UpdateInstance), (1, PipelineAction.Create)], history.Select(h => (h.Version, h.Action)));
        Assert.All(history, h => Assert.Equal(Session.ClientName, h.ChangedBy));
        Assert.All(history, h => Assert.Equal(Session.SessionId, h.SessionId));
    }

    [Fact]
    public async Task History_pages_backwards_from_a_version()
    {
        var name = await DeployNewAsync();
        for (var delay = 2; delay <= 5; delay++)
        {
            await Session.UpdateInstanceAsync(Node, name, "ECHO_01", "e1", new Dictionary<string, object?> { ["PROCESS_DELAY"] = delay });
        }

        var page = await Session.GetPipelineHistoryAsync(Node, name, beforeVersion: 4, limit: 2);

        Assert.Equal([3, 2], page.Select(h => h.Version));
    }

    [Fact]
    public async Task Any_past_version_reads_back_as_it_was()
    {
        var name = await DeployNewAsync();
        await Session.UpdateInstanceAsync(Node, name, "ECHO_01", "e1", new Dictionary<string, object?> { ["PROCESS_DELAY"] = 8 });

        var first = await Session.GetPipelineAsync(Node, name, version: 1);
        var latest = await Session.GetPipelineAsync(Node, name);

        Assert.Equal((1, 2, 1.0), (first.Version, first.LatestVersion, first.Config.FindInstance("ECHO_01", "e1")!.ProcessDelay));
        Assert.Equal((2, 8.0), (latest.Version, latest.Config.FindInstance("ECHO_01", "e1")!.ProcessDelay));
    }

    [Fact]
    public async Task Reading_a_version_that_does_not_exist_says_which_versions_do()
    {
        var name = await DeployNewAsync();

        var error = await Assert.ThrowsAsync<PipelineVersionNotFoundException>(() => Session.GetPipelineAsync(Node, name, version: 9));

        Assert.Equal((9, 1), (error.Version, error.LatestVersion));
    }

    [Fact]
    public async Task Rolling_back_restores_an_old_config_as_a_new_version()
    {
        var name = await DeployNewAsync();
        var original = (await Session.GetPipelineAsync(Node, name)).Config;
        await Session.UpdatePipelineAsync(Node, name, new Dictionary<string, object?> { ["URL"] = "http://cam/2" });
        await Session.UpdateInstanceAsync(Node, name, "ECHO_01", "e1", new Dictionary<string, object?> { ["PROCESS_DELAY"] = 30 });

        var outcome = await Session.RollbackPipelineAsync(Node, name, version: 1);

        var snapshot = await Session.GetPipelineAsync(Node, name);
        Assert.Equal((4, PipelineAction.Rollback, 1), (outcome.Version, snapshot.Revision.Action, snapshot.Revision.RolledBackTo));
        Assert.Equal(original, snapshot.Config);
    }

    [Fact]
    public async Task An_instance_grain_serves_its_config_and_version()
    {
        var name = await DeployNewAsync();
        await Session.UpdateInstanceAsync(Node, name, "ECHO_01", "e1", new Dictionary<string, object?> { ["PROCESS_DELAY"] = 6 });

        var instance = await Session.GetInstanceAsync(Node, name, "echo_01", "e1");

        Assert.Equal(("ECHO_01", "e1", 2, 2, 6.0), (instance.Signature, instance.InstanceId, instance.Version, instance.PipelineVersion, instance.Config.ProcessDelay));
    }

    [Fact]
    public async Task Deploying_to_a_node_that_never_registered_is_rejected_listing_known_nodes()
    {
        var error = await Assert.ThrowsAsync<NodeNotFoundException>(() =>
            Session.DeployPipelineJsonAsync("no-such-node", """{"NAME":"p","TYPE":"Void"}"""));

        Assert.Contains(Node, error.KnownNodes);
        Assert.Contains("no-such-node", error.Message);
    }

    [Fact]
    public async Task Creating_a_pipeline_that_already_exists_is_a_conflict()
    {
        var name = await DeployNewAsync();
        var duplicate = Session.CreatePipeline(Node, name, "Void");

        var error = await Assert.ThrowsAsync<ConfigConflictException>(() => duplicate.DeployAsync());

        Assert.Equal((0, 1), (error.ExpectedVersion, error.ActualVersion));
    }

    private Pipeline NewPipeline(out string name)
    {
        name = SiloFixture.UniqueName();
        var pipeline = Session.CreatePipeline(Node, name, "Void", new Dictionary<string, object?> { ["URL"] = "http://cam/1", ["CAP_RESOLUTION"] = 2 });
        pipeline.CreatePluginInstance("SENSOR_THRESHOLD_01", "t1", new Dictionary<string, object?> { ["PROCESS_DELAY"] = 1, ["VALUE_KEY"] = "temperature", ["ALERT_RAISE_VALUE"] = 0.5 });
        pipeline.CreatePluginInstance("ECHO_01", "e1", new Dictionary<string, object?> { ["PROCESS_DELAY"] = 1, ["LIMITS"] = new Dictionary<string, object?> { ["HIGH"] = 3 } });
        return pipeline;
    }

    private async Task<string> DeployNewAsync()
    {
        var pipeline = NewPipeline(out var name);
        await pipeline.DeployAsync();
        return name;
    }
}
