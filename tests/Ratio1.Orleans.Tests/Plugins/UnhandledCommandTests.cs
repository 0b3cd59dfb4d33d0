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
}
