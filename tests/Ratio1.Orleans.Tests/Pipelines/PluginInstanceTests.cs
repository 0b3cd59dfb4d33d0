using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Plugins;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Pipelines;

/// <summary>A plugin instance serves its config from its pipeline and the status its node reports as it changes.</summary>
[Collection(SiloCollection.Name)]
public sealed class PluginInstanceTests(SiloFixture fixture)
{
    private const string Node = SiloFixture.NodeId;

    [Fact]
    public async Task A_deployed_instance_is_reported_running_at_its_config_version_with_its_config()
    {
        var name = await DeployAsync();

        var snapshot = await UntilReportedAsync(name, "ECHO_01", "e1", s => s is { State: PluginInstanceState.Running });

        Assert.Equal(1, snapshot.Status!.ConfigVersion);
        Assert.Null(snapshot.Status.LastError);
        Assert.Equal(1, snapshot.Config.ProcessDelay);
    }

    [Fact]
    public async Task A_removed_then_recreated_instance_starts_without_the_old_status()
    {
        var name = SiloFixture.UniqueName();
        var pipeline = fixture.Session.CreatePipeline(Node, name, "Void");
        pipeline.CreatePluginInstance("FAILING_01", "f1");
        await pipeline.DeployAsync(DeployOptions.NoConfirmation);
        await UntilReportedAsync(name, "FAILING_01", "f1", s => s is { LastError: not null });
        pipeline.RemovePluginInstance("FAILING_01", "f1");
        await pipeline.DeployAsync();

        pipeline.CreatePluginInstance("FAILING_01", "f1", new Dictionary<string, object?> { ["DISABLED"] = true });
        await pipeline.DeployAsync();
        var status = (await fixture.Session.GetInstanceAsync(Node, name, "FAILING_01", "f1")).Status;

        Assert.True(status is null or { State: PluginInstanceState.Disabled, LastError: null }, $"status of the re-created instance: {status}");
    }

    [Fact]
    public async Task An_archived_pipeline_reports_its_instances_stopped()
    {
        var name = await DeployAsync();
        await UntilReportedAsync(name, "ECHO_01", "e1", s => s is { State: PluginInstanceState.Running });

        await fixture.Session.ClosePipelineAsync(Node, name);

        await UntilReportedAsync(name, "ECHO_01", "e1", s => s is { State: PluginInstanceState.Stopped });
    }

    [Fact]
    public async Task Asking_for_an_instance_that_does_not_exist_says_so()
    {
        var name = await DeployAsync();

        var error = await Assert.ThrowsAsync<InstanceNotFoundException>(() => fixture.Session.GetInstanceAsync(Node, name, "ECHO_01", "nope"));

        Assert.Equal("nope", error.InstanceId);
    }

    private async Task<PluginInstanceSnapshot> UntilReportedAsync(string pipeline, string signature, string instanceId, Func<PluginInstanceStatus?, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var snapshot = await fixture.Session.GetInstanceAsync(Node, pipeline, signature, instanceId);
            if (condition(snapshot.Status))
            {
                return snapshot;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The node did not report the expected status; last: {snapshot.Status}");
            await Task.Delay(100);
        }
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
