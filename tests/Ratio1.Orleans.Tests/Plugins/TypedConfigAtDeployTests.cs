using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Pipelines;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Plugins;

/// <summary>
/// Capture sources and plugins declare their typed config the same way, and a deploy checks both against the rules
/// the node registered, with the same code: a bad value is refused before anything is stored, named the same way.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class TypedConfigAtDeployTests(SiloFixture fixture)
{
    private const string Node = SiloFixture.NodeId;

    [Fact]
    public async Task A_capture_source_and_a_plugin_with_the_same_rule_refuse_the_same_bad_value_at_deploy_with_the_same_reason()
    {
        var sourceName = SiloFixture.UniqueName("src");
        var source = fixture.Session.CreatePipeline(Node, sourceName, "TEST_LEVEL", new Dictionary<string, object?> { ["LEVEL"] = 11 });
        source.CreatePluginInstance("LEVEL_01", "l1");
        var pluginName = SiloFixture.UniqueName("plg");
        var plugin = fixture.Session.CreatePipeline(Node, pluginName, "Void");
        plugin.CreatePluginInstance("LEVEL_01", "l1", new Dictionary<string, object?> { ["LEVEL"] = 11 });

        var bySource = await Assert.ThrowsAsync<InvalidConfigException>(() => source.DeployAsync());
        var byPlugin = await Assert.ThrowsAsync<InvalidConfigException>(() => plugin.DeployAsync());

        Assert.Equal(("LEVEL", "11"), (bySource.Field, bySource.Value));
        Assert.Equal(("PLUGINS[0].INSTANCES[0].LEVEL", "11"), (byPlugin.Field, byPlugin.Value));
        Assert.Equal(bySource.Errors[0].Reason, byPlugin.Errors[0].Reason);
        Assert.Contains("10", byPlugin.Errors[0].Reason);
        await Assert.ThrowsAsync<PipelineNotFoundException>(() => fixture.Session.GetPipelineAsync(Node, sourceName));
        await Assert.ThrowsAsync<PipelineNotFoundException>(() => fixture.Session.GetPipelineAsync(Node, pluginName));
    }

    [Fact]
    public async Task A_bad_instance_key_in_an_instance_update_is_refused_at_deploy_and_the_version_stays()
    {
        var name = SiloFixture.UniqueName();
        var pipeline = fixture.Session.CreatePipeline(Node, name, "Void");
        pipeline.CreatePluginInstance("LEVEL_01", "l1", new Dictionary<string, object?> { ["LEVEL"] = 3 });
        await pipeline.DeployAsync();

        var error = await Assert.ThrowsAsync<InvalidConfigException>(() =>
            fixture.Session.UpdateInstanceAsync(Node, name, "LEVEL_01", "l1", ConfigMap.Parse("""{"LEVEL": "high"}""")));

        Assert.Equal(("INSTANCE_CONFIG.LEVEL", "\"high\""), (error.Field, error.Value));
        var stored = await fixture.Session.GetPipelineAsync(Node, name);
        Assert.Equal((1, 3.0), (stored.Version, stored.Config.FindInstance("LEVEL_01", "l1")!.Settings["LEVEL"].AsDouble()));
    }

    [Fact]
    public async Task A_node_wide_batch_with_a_bad_instance_key_in_one_pipeline_stores_nothing_in_any()
    {
        var first = SiloFixture.UniqueName();
        var second = SiloFixture.UniqueName();
        foreach (var name in new[] { first, second })
        {
            var pipeline = fixture.Session.CreatePipeline(Node, name, "Void");
            pipeline.CreatePluginInstance("LEVEL_01", "l1", new Dictionary<string, object?> { ["LEVEL"] = 3 });
            await pipeline.DeployAsync();
        }

        var error = await Assert.ThrowsAsync<InvalidConfigException>(() => fixture.Session.BatchUpdateInstancesAsync(Node,
        [
            new PipelineInstanceUpdate(first, new InstanceUpdate("LEVEL_01", "l1", ConfigMap.Parse("""{"LEVEL": 4}"""))),
            new PipelineInstanceUpdate(second, new InstanceUpdate("LEVEL_01", "l1", ConfigMap.Parse("""{"LEVEL": "high"}"""))),
        ]));

        Assert.Equal(("[1].INSTANCE_CONFIG.LEVEL", "\"high\""), (error.Field, error.Value));
        // The first pipeline was never committed (and so never undone): it is at version 1 with its old value.
        var stored = await fixture.Session.GetPipelineAsync(Node, first);
        Assert.Equal((1, 3.0), (stored.Version, stored.Config.FindInstance("LEVEL_01", "l1")!.Settings["LEVEL"].AsDouble()));
    }

    [Fact]
    public async Task A_signature_is_matched_ignoring_case_as_a_capture_TYPE_is()
    {
        var name = SiloFixture.UniqueName();
        var pipeline = fixture.Session.CreatePipeline(Node, name, "test_level");
        pipeline.CreatePluginInstance("level_01", "l1", new Dictionary<string, object?> { ["LEVEL"] = 12 });

        var error = await Assert.ThrowsAsync<InvalidConfigException>(() => pipeline.DeployAsync());

        // Both were found (only the value is refused), under the rules of the source and plugin they name.
        Assert.Equal(("PLUGINS[0].INSTANCES[0].LEVEL", "12"), (error.Field, error.Value));
    }
}
