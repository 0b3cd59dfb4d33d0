using Ratio1.Orleans.Tests.Infrastructure;
using Ratio1.Orleans.Tests.Runtime.TestPlugins;

namespace Ratio1.Orleans.Tests.Runtime;

/// <summary>A capture source restarting (RESTART, or a change of its keys) keeps taking the inputs clients push.</summary>
[Collection(SiloCollection.Name)]
public sealed class CaptureRestartTests(SiloFixture fixture)
{
    private const string Node = SiloFixture.NodeId;

    [Fact]
    public async Task An_input_pushed_while_the_source_restarts_is_taken_by_it_with_its_bound_config()
    {
        var name = SiloFixture.UniqueName();
        var pipeline = fixture.Session.CreatePipeline(Node, name, "TEST_SLOW_STOP", new Dictionary<string, object?> { ["TAG"] = "bound" });
        pipeline.CreatePluginInstance("ECHO_01", "e1", new Dictionary<string, object?> { ["PROCESS_DELAY"] = 0.1 });
        await pipeline.DeployAsync();
        try
        {
            var restart = fixture.Session.SendPipelineCommandAsync(Node, name, "RESTART");
            await Task.Delay(SlowStopCapture.StopTime / 4);
            Assert.False(restart.IsCompleted, "the source is still stopping");

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
}
