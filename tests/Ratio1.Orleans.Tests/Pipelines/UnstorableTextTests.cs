using Ratio1.Orleans.Contracts;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Pipelines;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Pipelines;

/// <summary>On SQLite, which could hold a NUL, the node refuses text PostgreSQL cannot hold all the same, and never rewrites text.</summary>
[Collection(SiloCollection.Name)]
public sealed class UnstorableTextTests(SiloFixture fixture)
{
    private const string Node = SiloFixture.NodeId;
    private const string Unpaired = "contains an unpaired surrogate (U+D800), which is not valid Unicode text";

    private UnstorableTextScenario Scenario => new(fixture.Session, Node);

    [Fact]
    public Task A_NUL_in_an_instance_value_is_refused_naming_the_field_and_nothing_is_stored() =>
        Scenario.A_NUL_in_an_instance_value_is_refused_naming_the_field_and_nothing_is_stored();

    [Fact]
    public Task A_NUL_in_a_deployed_document_is_refused_naming_the_field_and_nothing_is_created() =>
        Scenario.A_NUL_in_a_deployed_document_is_refused_naming_the_field_and_nothing_is_created();

    [Fact]
    public async Task A_NUL_in_a_key_of_a_whole_pipeline_replacement_is_refused_naming_the_key()
    {
        var (name, before) = await Scenario.DeployAsync();
        var document = $$"""{"NAME":"{{name}}","TYPE":"Void","OPTIONS":{"a\u0000":1},"PLUGINS":[{"SIGNATURE":"ECHO_01","INSTANCES":[{"INSTANCE_ID":"e1"}]}]}""";

        var error = await Assert.ThrowsAsync<InvalidConfigException>(() => fixture.Session.DeployPipelineJsonAsync(Node, document, replace: true));

        Assert.Equal(("OPTIONS.a\\u0000", "the key " + UnstorableTextScenario.NulReason), (Assert.Single(error.Errors).Field, error.Errors[0].Reason));
        await Scenario.AssertUnchangedAsync(name, before);
    }

    [Fact]
    public async Task A_NUL_in_a_batch_update_is_refused_naming_its_position_and_no_pipeline_changes()
    {
        var (first, firstBefore) = await Scenario.DeployAsync();
        var (second, secondBefore) = await Scenario.DeployAsync();

        var error = await Assert.ThrowsAsync<InvalidConfigException>(() => fixture.Session.BatchUpdateInstancesAsync(Node,
        [
            new PipelineInstanceUpdate(first, new InstanceUpdate("ECHO_01", "e1", ConfigMap.Parse("""{"PROCESS_DELAY":5}"""))),
            new PipelineInstanceUpdate(second, new InstanceUpdate("ECHO_01", "e1", ConfigMap.Parse("""{"LIST":["ok","\u0000"]}"""))),
        ]));

        Assert.Equal(("[1].INSTANCE_CONFIG.LIST[1]", UnstorableTextScenario.NulReason), (Assert.Single(error.Errors).Field, error.Errors[0].Reason));
        await Scenario.AssertUnchangedAsync(first, firstBefore);
        await Scenario.AssertUnchangedAsync(second, secondBefore);
    }

    [Fact]
    public void A_NUL_in_an_instance_id_is_refused_before_anything_is_sent()
    {
        var staged = fixture.Session.CreatePipeline(Node, SiloFixture.UniqueName(), "Void");

        var error = Assert.Throws<InvalidConfigException>(() => staged.CreatePluginInstance("ECHO_01", "e\01"));

        Assert.Equal(("INSTANCE_ID", UnstorableTextScenario.NulReason), (error.Field, error.Errors[0].Reason));
    }

    [Fact]
    public async Task A_staged_pipeline_holding_a_NUL_is_refused_before_it_is_sent_naming_the_field()
    {
        var name = SiloFixture.UniqueName();
        var staged = fixture.Session.CreatePipeline(Node, name, "Void");
        staged.CreatePluginInstance("ECHO_01", "e1", new Dictionary<string, object?> { ["NOTE"] = "a\0b" });

        var error = await Assert.ThrowsAsync<InvalidConfigException>(() => staged.DeployAsync());

        Assert.Equal(("PLUGINS[0].INSTANCES[0].NOTE", UnstorableTextScenario.NulReason), (Assert.Single(error.Errors).Field, error.Errors[0].Reason));
        await Assert.ThrowsAsync<PipelineNotFoundException>(() => fixture.Session.GetPipelineAsync(Node, name));
    }

    [Fact]
    public async Task An_unpaired_surrogate_passed_to_the_library_reaches_the_node_unchanged_and_is_refused()
    {
        var (name, before) = await Scenario.DeployAsync();

        var error = await Assert.ThrowsAsync<InvalidConfigException>(() =>
            fixture.Session.UpdateInstanceAsync(Node, name, "ECHO_01", "e1", new Dictionary<string, object?> { ["NOTE"] = "a\ud800" }));

        Assert.Equal("""INSTANCE_CONFIG.NOTE = "a\ud800": contains an unpaired surrogate (U+D800), which is not valid Unicode text""", Assert.Single(error.Errors).ToString());
        await Scenario.AssertUnchangedAsync(name, before);
    }

    [Fact]
    public async Task An_unpaired_surrogate_sent_straight_to_the_pipeline_grain_is_refused_by_the_node()
    {
        var (name, before) = await Scenario.DeployAsync();
        var grain = fixture.Session.Client.GetPipeline(Node, name);
        var delta = ConfigMap.Empty.SetItem("PLUGINS", ConfigValue.FromArray(ConfigValue.FromObject(ConfigMap.Empty
            .SetItem("SIGNATURE", "ECHO_01")
            .SetItem("INSTANCES", ConfigValue.FromArray(ConfigValue.FromObject(ConfigMap.Empty.SetItem("INSTANCE_ID", "e1").SetItem("k\ud800", 1)))))));

        var error = await Assert.ThrowsAsync<InvalidConfigException>(() => grain.UpdateConfigAsync(delta, new ChangeRequest("bypassing-client")));

        Assert.Equal(("PLUGINS[0].INSTANCES[0].k\\ud800", "the key " + Unpaired), (Assert.Single(error.Errors).Field, error.Errors[0].Reason));
        await Scenario.AssertUnchangedAsync(name, before);
    }

    [Fact]
    public async Task An_escaped_unpaired_surrogate_in_a_deployed_document_is_refused_naming_the_field()
    {
        var name = SiloFixture.UniqueName();
        var document = $$"""{"NAME":"{{name}}","TYPE":"Void","PLUGINS":[{"SIGNATURE":"ECHO_01","INSTANCES":[{"INSTANCE_ID":"e1","NOTE":"\ud800"}]}]}""";

        var error = await Assert.ThrowsAsync<InvalidConfigException>(() => fixture.Session.DeployPipelineJsonAsync(Node, document));

        Assert.Equal(("PLUGINS[0].INSTANCES[0].NOTE", "\"\\ud800\"", Unpaired), (error.Field, error.Value, error.Errors[0].Reason));
        await Assert.ThrowsAsync<PipelineNotFoundException>(() => fixture.Session.GetPipelineAsync(Node, name));
    }

    [Fact]
    public async Task A_command_or_an_input_holding_an_unpaired_surrogate_is_refused_naming_where()
    {
        var (name, _) = await Scenario.DeployAsync();

        var command = await Assert.ThrowsAsync<InvalidConfigException>(() =>
            fixture.Session.SendInstanceCommandAsync(Node, name, "ECHO_01", "e1", "RESET", new Dictionary<string, object?> { ["MESSAGE"] = "\ud800" }));
        var input = await Assert.ThrowsAsync<InvalidConfigException>(() => fixture.Session.PushInputAsync(Node, name, new Dictionary<string, object?> { ["text"] = "\ud800" }));

        Assert.Equal(("COMMAND_PARAMS.MESSAGE", Unpaired), (command.Field, command.Errors[0].Reason));
        Assert.Equal(("INPUT.text", Unpaired), (input.Field, input.Errors[0].Reason));
    }
}
