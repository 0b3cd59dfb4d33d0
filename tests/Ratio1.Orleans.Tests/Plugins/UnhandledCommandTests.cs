using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Plugins;

/// <summary>
/// A command nobody handles never passes for done: a capture source and a plugin that do not take a command both
/// answer <c>_FAILED</c>, with the same reason.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class UnhandledCommandTests(SiloFixture fixture)
{
    private const string Node = SiloFixture.NodeId;

    [Fact]
    public async Task An_unknown_command_to_a_source_and_to_a_plugin_both_answer_FAILED_naming_the_command()
    {
        var pipeline = fixture.Session.CreatePipeline(Node, SiloFixture.UniqueName(), "TEST_LEVEL");
        var instance = pipeline.CreatePluginInstance("LEVEL_01", "l1");
        await pipeline.DeployAsync();

        var bySource = await Assert.ThrowsAsync<CommandFailedException>(() => pipeline.SendCommandAsync("REWIND"));
        var byPlugin = await Assert.ThrowsAsync<CommandFailedException>(() => instance.SendCommandAsync("REWIND"));

        Assert.Equal(NotificationCode.PipelineFailed, bySource.Notification!.Code);
        Assert.Equal(NotificationCode.PluginInstanceCommandFailed, byPlugin.Notification!.Code);
        Assert.Contains("this source takes no pipeline command \"REWIND\"", bySource.Message);
        Assert.Contains("this plugin takes no instance command \"REWIND\"", byPlugin.Message);
    }

    [Fact]
    public async Task A_built_in_plugin_takes_its_command_names_ignoring_case_and_refuses_others_as_not_taken()
    {
        var pipeline = fixture.Session.CreatePipeline(Node, SiloFixture.UniqueName(), "Void");
        var echo = pipeline.CreatePluginInstance("ECHO_01", "e1");
        var threshold = pipeline.CreatePluginInstance("SENSOR_THRESHOLD_01", "t1", new Dictionary<string, object?> { ["VALUE_KEY"] = "v" });
        await pipeline.DeployAsync();

        await echo.SendCommandAsync("set_message", new Dictionary<string, object?> { ["MESSAGE"] = "hi" });
        await threshold.SendCommandAsync("reset");
        var refused = await Assert.ThrowsAsync<CommandFailedException>(() => threshold.SendCommandAsync("REWIND"));

        Assert.Contains("SENSOR_THRESHOLD_01 takes no instance command \"REWIND\" (it takes RESET)", refused.Message);
        await fixture.Session.DeletePipelineAsync(Node, pipeline.Name);
    }
}
