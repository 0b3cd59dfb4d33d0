using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Tests.Cli;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Plugins;

/// <summary>
/// A command reaches a plugin in one shape however it was written: Ratio1's JSON with its <c>COMMAND_PARAMS</c> inside,
/// or the name with <c>--param</c>s beside it, through r1ctl, the client, or an instance update.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class CommandFormTests(SiloFixture fixture)
{
    private const string Node = SiloFixture.NodeId;

    [Fact]
    public async Task Ratio1s_JSON_command_reaches_the_plugin_exactly_as_the_command_line_form_does()
    {
        var name = SiloFixture.UniqueName();
        await using var traffic = await TrafficRecorder.StartAsync(fixture.Session, Node, name);
        var pipeline = fixture.Session.CreatePipeline(Node, name, "Void");
        pipeline.CreatePluginInstance("RECORD_COMMANDS_01", "r1");
        await pipeline.DeployAsync();

        var cli = await R1ctl.RunAsync(fixture, "command", Node, name, "SET_MESSAGE", "--instance", "RECORD_COMMANDS_01", "r1", "--param", "MESSAGE=hi");
        var json = await R1ctl.RunAsync(fixture, "command", Node, name, """{"COMMAND": "SET_MESSAGE", "COMMAND_PARAMS": {"MESSAGE": "hi"}}""", "--instance", "RECORD_COMMANDS_01", "r1");
        await fixture.Session.SendInstanceCommandAsync(Node, name, "RECORD_COMMANDS_01", "r1",
            new Dictionary<string, object?> { ["COMMAND"] = "SET_MESSAGE", ["COMMAND_PARAMS"] = new Dictionary<string, object?> { ["message"] = "hi" } });
        await fixture.Session.UpdateInstanceAsync(Node, name, "RECORD_COMMANDS_01", "r1",
            ConfigMap.Parse("""{"INSTANCE_COMMAND": {"COMMAND": "SET_MESSAGE", "COMMAND_PARAMS": {"MESSAGE": "hi"}}}"""));
        await traffic.WaitUntilAsync(t => t.Payloads.Count >= 4, what: "four recorded commands");

        Assert.True(cli.ExitCode == 0, cli.ToString());
        Assert.True(json.ExitCode == 0, json.ToString());
        Assert.All(traffic.Payloads, p => Assert.Equal(
            ("\"SET_MESSAGE\"", "SET_MESSAGE", "{\"MESSAGE\":\"hi\"}"),
            (p.Data["DATA"].ToJson(), p.Data["NAME"].AsString(), p.Data["PARAMETERS"].ToJson())));
    }

    [Fact]
    public async Task A_direct_command_whose_COMMAND_PARAMS_is_not_an_object_is_refused_naming_it_as_an_embedded_one_is()
    {
        var name = await DeployRecorderAsync();
        var command = ConfigMap.Parse("""{"COMMAND": "SET_MESSAGE", "COMMAND_PARAMS": "hi"}""");

        var direct = await Assert.ThrowsAsync<InvalidConfigException>(() => fixture.Session.SendInstanceCommandAsync(Node, name, "RECORD_COMMANDS_01", "r1", command));
        var embedded = await Assert.ThrowsAsync<InvalidConfigException>(() => fixture.Session.UpdateInstanceAsync(Node, name, "RECORD_COMMANDS_01", "r1",
            ConfigMap.Empty.SetItem("INSTANCE_COMMAND", ConfigValue.FromObject(command))));

        Assert.Equal(("COMMAND.COMMAND_PARAMS", "\"hi\""), (direct.Field, direct.Value));
        Assert.Equal(("INSTANCE_CONFIG.INSTANCE_COMMAND.COMMAND_PARAMS", "\"hi\""), (embedded.Field, embedded.Value));
        Assert.Equal(direct.Errors[0].Reason, embedded.Errors[0].Reason);
    }

    [Fact]
    public async Task Parameters_that_differ_only_by_case_are_refused_on_every_path_rather_than_merged()
    {
        var name = await DeployRecorderAsync();
        var command = ConfigMap.Parse("""{"COMMAND": "SET_MESSAGE", "COMMAND_PARAMS": {"MESSAGE": "hi", "message": "ho"}}""");

        var direct = await Assert.ThrowsAsync<InvalidConfigException>(() => fixture.Session.SendPipelineCommandAsync(Node, name, command));
        var embedded = await Assert.ThrowsAsync<InvalidConfigException>(() => fixture.Session.UpdateInstanceAsync(Node, name, "RECORD_COMMANDS_01", "r1",
            ConfigMap.Empty.SetItem("INSTANCE_COMMAND", ConfigValue.FromObject(command))));

        Assert.Equal("COMMAND.COMMAND_PARAMS.message", direct.Field);
        Assert.Equal("INSTANCE_CONFIG.INSTANCE_COMMAND.COMMAND_PARAMS.message", embedded.Field);
        Assert.Contains("more than once", embedded.Errors[0].Reason);
        Assert.Equal(1, (await fixture.Session.GetPipelineAsync(Node, name)).Version);
    }

    private async Task<string> DeployRecorderAsync()
    {
        var name = SiloFixture.UniqueName();
        var pipeline = fixture.Session.CreatePipeline(Node, name, "Void");
        pipeline.CreatePluginInstance("RECORD_COMMANDS_01", "r1");
        await pipeline.DeployAsync();
        return name;
    }
}
