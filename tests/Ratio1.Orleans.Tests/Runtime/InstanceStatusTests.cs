using Ratio1.Orleans.Contracts.Plugins;
using Ratio1.Orleans.Testing;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Runtime;

/// <summary>The node reports its instances' counters to their grains at the status period, not per execution.</summary>
public sealed class InstanceStatusTests
{
    [Fact]
    public async Task Counters_reach_the_instance_grain_at_the_status_period_while_the_state_stays_running()
    {
        await using var silo = await TestSilo.StartAsync("edge-status", configure: SiloFixture.TestPluginsOn, extraArgs: ["--Node:InstanceStatusSeconds=1"]);
        await using var session = await silo.ConnectAsync();
        var pipeline = session.CreatePipeline(silo.NodeId, "counted", "Void");
        var echo = pipeline.CreatePluginInstance("ECHO_01", "e1", new Dictionary<string, object?> { ["ALLOW_EMPTY_INPUTS"] = true, ["PROCESS_DELAY"] = 0.1 });
        await pipeline.DeployAsync();

        var deadline = DateTime.UtcNow.AddSeconds(20);
        PluginInstanceStatus? status;
        while ((status = await echo.GetStatusAsync()) is not { ExecutionCount: >= 5, PayloadCount: >= 5 })
        {
            Assert.True(DateTime.UtcNow < deadline, $"No counters reported; last status: {status}");
            await Task.Delay(200);
        }

        Assert.Equal(PluginInstanceState.Running, status.State);
        Assert.Equal(1, status.ConfigVersion);
    }
}
