using Ratio1.Orleans.Contracts;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Pipelines;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Pipelines;

/// <summary>The node itself rejects bad changes, names the field and value, and changes nothing.</summary>
[Collection(SiloCollection.Name)]
public sealed class RejectedChangeTests(SiloFixture fixture)
{
    private const string Node = SiloFixture.NodeId;

    public static TheoryData<string, string, string?> BadUpdates => new()
    {
        { """{"TYPE":42}""", "TYPE", "42" },
        { """{"CAP_RESOLUTION":"fast"}""", "CAP_RESOLUTION", "\"fast\"" },
        { """{"PLUGINS":[{"INSTANCES":[{"INSTANCE_ID":"i"}]}]}""", "PLUGINS[0].SIGNATURE", null },
        { """{"PLUGINS":[{"SIGNATURE":"A_01"}]}""", "PLUGINS[0].INSTANCES", null },
        { """{"PLUGINS":[{"SIGNATURE":"A_01","INSTANCES":[{"INSTANCE_ID":"x"},{"INSTANCE_ID":"x"}]}]}""", "PLUGINS[0].INSTANCES[1].INSTANCE_ID", "\"x\"" },
        { """{"PLUGINS":[{"SIGNATURE":"A_01","INSTANCES":[{"INSTANCE_ID":"x","PROCESS_DELAY":[1]}]}]}""", "PLUGINS[0].INSTANCES[0].PROCESS_DELAY", "[1]" },
        { """{"NAME":"another-name"}""", "NAME", "\"another-name\"" },
    };

    [Theory]
    [MemberData(nameof(BadUpdates))]
    public async Task A_rejected_update_names_the_field_and_leaves_the_pipeline_as_it_was(string delta, string field, string? value)
    {
        var (name, before) = await DeployAsync();
        var grain = fixture.Session.Client.GetPipeline(Node, name);

        var error = await Assert.ThrowsAsync<InvalidConfigException>(() => grain.UpdateConfigAsync(ConfigMap.Parse(delta), Request()));

        Assert.Contains(error.Errors, e => e.Field == field && e.Value == value);
        await AssertUnchangedAsync(name, before);
    }

    [Fact]
    public async Task A_new_pipeline_without_type_is_rejected_and_not_created()
    {
        var name = SiloFixture.UniqueName();

        var error = await Assert.ThrowsAsync<InvalidConfigException>(() => fixture.Session.DeployPipelineJsonAsync(Node, $$"""{"NAME":"{{name}}","PLUGINS":[]}"""));

        Assert.Equal(("TYPE", null), (error.Field, error.Value));
        await Assert.ThrowsAsync<PipelineNotFoundException>(() => fixture.Session.GetPipelineAsync(Node, name));
    }

    [Fact]
    public async Task Malformed_json_is_rejected_before_anything_is_sent()
    {
        var (name, before) = await DeployAsync();

        var error = await Assert.ThrowsAsync<InvalidConfigException>(() => fixture.Session.DeployPipelineJsonAsync(Node, "{\"NAME\": \"" + name + "\", \"TYPE\": \"Void\","));

        Assert.Contains("malformed JSON at line 1", error.Message);
        await AssertUnchangedAsync(name, before);
    }

    [Fact]
    public async Task A_batch_with_one_bad_update_applies_none_and_names_its_position()
    {
        var (name, before) = await DeployAsync();
        var grain = fixture.Session.Client.GetPipeline(Node, name);

        var error = await Assert.ThrowsAsync<InvalidConfigException>(() => grain.UpdateInstancesAsync(
        [
            new InstanceUpdate("ECHO_01", "e1", ConfigMap.Parse("""{"PROCESS_DELAY":5}""")),
            new InstanceUpdate("ECHO_01", "e2", ConfigMap.Parse("""{"MAX_INPUTS_QUEUE_SIZE":0}""")),
        ], Request()));

        Assert.Equal(("[1].INSTANCE_CONFIG.MAX_INPUTS_QUEUE_SIZE", "0"), (error.Field, error.Value));
        await AssertUnchangedAsync(name, before);
    }

    [Fact]
    public async Task A_node_wide_batch_names_the_position_of_the_bad_update_in_the_whole_batch()
    {
        var (first, firstBefore) = await DeployAsync();
        var (second, secondBefore) = await DeployAsync();

        var error = await Assert.ThrowsAsync<InvalidConfigException>(() => fixture.Session.BatchUpdateInstancesAsync(Node,
        [
            new PipelineInstanceUpdate(first, new InstanceUpdate("ECHO_01", "e1", ConfigMap.Parse("""{"PROCESS_DELAY":5}"""))),
            new PipelineInstanceUpdate(second, new InstanceUpdate("ECHO_01", "e1", ConfigMap.Parse("""{"PROCESS_DELAY":6}"""))),
            new PipelineInstanceUpdate(first, new InstanceUpdate("ECHO_01", "e2", ConfigMap.Parse("""{"DISABLED":"no"}"""))),
        ]));

        Assert.Equal(("[2].INSTANCE_CONFIG.DISABLED", "\"no\""), (error.Field, error.Value));
        await AssertUnchangedAsync(first, firstBefore);
        await AssertUnchangedAsync(second, secondBefore);
    }

    [Fact]
    public async Task An_update_of_an_instance_that_does_not_exist_is_reported_as_such()
    {
        var (name, before) = await DeployAsync();

        var error = await Assert.ThrowsAsync<InstanceNotFoundException>(() =>
            fixture.Session.UpdateInstanceAsync(Node, name, "ECHO_01", "nope", new Dictionary<string, object?> { ["PROCESS_DELAY"] = 1 }));

        Assert.Equal(("ECHO_01", "nope"), (error.Signature, error.InstanceId));
        await AssertUnchangedAsync(name, before);
    }

    [Fact]
    public async Task A_change_without_an_initiator_is_rejected()
    {
        var (name, before) = await DeployAsync();

        var error = await Assert.ThrowsAsync<InvalidConfigException>(() =>
            fixture.Session.Client.GetPipeline(Node, name).ArchiveAsync(new ChangeRequest(" ")));

        Assert.Equal("INITIATOR_ID", error.Field);
        await AssertUnchangedAsync(name, before);
    }

    [Fact]
    public async Task A_pipeline_name_with_a_slash_is_rejected_before_any_grain_is_called()
    {
        var error = Assert.Throws<InvalidConfigException>(() => fixture.Session.CreatePipeline(Node, "a/b", "Void"));

        Assert.Equal(("NAME", "\"a/b\""), (error.Field, error.Value));
    }

    [Fact]
    public async Task Closing_a_staged_pipeline_that_was_never_deployed_is_refused()
    {
        var staged = fixture.Session.CreatePipeline(Node, SiloFixture.UniqueName(), "Void");

        await Assert.ThrowsAsync<PipelineNotFoundException>(() => staged.CloseAsync());
    }

    [Fact]
    public void A_staged_instance_delta_cannot_change_the_instance_id()
    {
        var staged = fixture.Session.CreatePipeline(Node, SiloFixture.UniqueName(), "Void");
        var instance = staged.CreatePluginInstance("ECHO_01", "e1");

        var error = Assert.Throws<InvalidConfigException>(() => instance.UpdateConfig(new Dictionary<string, object?> { ["INSTANCE_ID"] = "e2" }));

        Assert.Equal("INSTANCE_CONFIG.INSTANCE_ID", error.Field);
    }

    [Fact]
    public async Task Listing_the_pipelines_of_a_node_that_never_registered_says_so()
    {
        await Assert.ThrowsAsync<NodeNotFoundException>(() => fixture.Session.GetPipelinesAsync("edge-never"));
    }

    private ChangeRequest Request() => new(fixture.Session.ClientName, fixture.Session.SessionId);

    private async Task<(string Name, PipelineSnapshot Before)> DeployAsync()
    {
        var name = SiloFixture.UniqueName();
        var pipeline = fixture.Session.CreatePipeline(Node, name, "Void", new Dictionary<string, object?> { ["CAP_RESOLUTION"] = 1 });
        pipeline.CreatePluginInstance("ECHO_01", "e1", new Dictionary<string, object?> { ["PROCESS_DELAY"] = 1 });
        pipeline.CreatePluginInstance("ECHO_01", "e2");
        await pipeline.DeployAsync();
        return (name, await fixture.Session.GetPipelineAsync(Node, name));
    }

    private async Task AssertUnchangedAsync(string name, PipelineSnapshot before)
    {
        var after = await fixture.Session.GetPipelineAsync(Node, name);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Config, after.Config);
        Assert.Equal(before.Config.ToJson(), after.Config.ToJson());
        Assert.Equal([before.Version], (await fixture.Session.GetPipelineHistoryAsync(Node, name)).Select(h => h.Version));
    }
}
