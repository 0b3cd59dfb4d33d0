using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Tests.Infrastructure;
using Ratio1.Orleans.Tests.Runtime.TestPlugins;

namespace Ratio1.Orleans.Tests.Runtime;

/// <summary>A capture source restarting (RESTART, or a change of its keys) keeps taking the inputs clients push.</summary>
[Collection(SiloCollection.Name)]
public sealed class CaptureRestartTests(SiloFixture fixture)
{
    private const string Node = SiloFixture.NodeId;

    [Fact]
    public async Task An_input_pushed_while_the_source_restarts_is_taken_with_a_bound_config_never_before_binding()
    {
        var name = SiloFixture.UniqueName();
        var pipeline = fixture.Session.CreatePipeline(Node, name, "TEST_SLOW_BIND", new Dictionary<string, object?> { ["TAG"] = "bound" });
        pipeline.CreatePluginInstance("ECHO_01", "e1", new Dictionary<string, object?> { ["PROCESS_DELAY"] = 0.1 });
        await pipeline.DeployAsync();
        try
        {
            await WaitUntilItTakesInputsAsync(name);
            var restart = fixture.Session.SendPipelineCommandAsync(Node, name, "RESTART");
            await Task.Delay(SlowBindCapture.BindTime / 4);
            Assert.False(restart.IsCompleted, "the new source is still binding its config");

            var answer = await fixture.Session.RequestAsync(Node, name, "while restarting");

            Assert.Equal("bound", answer.Data["DATA"].Fields["TAG"].AsString());
            Assert.Equal("while restarting", answer.Data["DATA"].Fields["INPUT"].AsString());
            await restart;
        }
        finally
        {
            await fixture.Session.DeletePipelineAsync(Node, name);
        }
    }

    // A deploy is confirmed by its instances; the source binds (slowly) beside them.
    private async Task WaitUntilItTakesInputsAsync(string name)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            try
            {
                await fixture.Session.RequestAsync(Node, name, "ready");
                return;
            }
            catch (InvalidConfigException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }
}
