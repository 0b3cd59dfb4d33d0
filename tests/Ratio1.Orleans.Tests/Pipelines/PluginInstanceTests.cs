using Ratio1.Orleans.Contracts;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Plugins;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Pipelines;

/// <summary>A plugin instance serves its config from its pipeline and keeps the status its node reports.</summary>
[Collection(SiloCollection.Name)]
public sealed class PluginInstanceTests(SiloFixture fixture)
{
    private const string Node = SiloFixture.NodeId;

    [Fact]
    public async Task A_reported_status_is_served_with_the_instance_config()
    {
        var name = await DeployAsync();
        var grain = fixture.Session.Client.GetPluginInstance(Node, name, "ECHO_01", "e1");
        var status = new PluginInstanceStatus(PluginInstanceState.Running, DateTimeOffset.UtcNow, ConfigVersion: 1, ExecutionCount: 42, PayloadCount: 7);

        await grain.ReportStatusAsync(status);
        var snapshot = await fixture.Session.GetInstanceAsync(Node, name, "ECHO_01", "e1");

        Assert.Equal(status, snapshot.Status);
        Assert.Equal(1, snapshot.Config.ProcessDelay);
    }

    [Fact]
    public async Task A_removed_then_recreated_instance_starts_without_the_old_status()
    {
        var name = await DeployAsync();
        await fixture.Session.Client.GetPluginInstance(Node, name, "ECHO_01", "e1")
            .ReportStatusAsync(new PluginInstanceStatus(PluginInstanceState.Failing, DateTimeOffset.UtcNow, 1, LastError: "boom"));
        var pipeline = await fixture.Session.AttachToPipelineAsync(Node, name);
        pipeline.RemovePluginInstance("ECHO_01", "e1");
        await pipeline.DeployAsync();

        pipeline.CreatePluginInstance("ECHO_01", "e1");
        await pipeline.DeployAsync();

        Assert.Null((await fixture.Session.GetInstanceAsync(Node, name, "ECHO_01", "e1")).Status);
    }

    [Fact]
    public async Task Asking_for_an_instance_that_does_not_exist_says_so()
    {
        var name = await DeployAsync();

        var error = await Assert.ThrowsAsync<InstanceNotFoundException>(() => fixture.Session.GetInstanceAsync(Node, name, "ECHO_01", "nope"));

        Assert.Equal("nope", error.InstanceId);
    }

    private async Task<string> DeployAsync()
    {
        var name = SiloFixture.UniqueName();
        var pipeline = fixture.Session.CreatePipeline(Node, name, "Void");
        pipeline.CreatePluginInstance("ECHO_01", "e1", new Dictionary<string, object?> { ["PROCESS_DELAY"] = 1 });
        await pipeline.DeployAsync();
        return name;
    }
}
