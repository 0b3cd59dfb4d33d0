using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts.Plugins;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Cli;

/// <summary><c>r1ctl instance</c> shows what the node reports about the instance, as it changes.</summary>
[Collection(SiloCollection.Name)]
public sealed class InstanceCommandTests(SiloFixture fixture)
{
    private const string Node = SiloFixture.NodeId;

    [Fact]
    public async Task Instance_shows_running_at_the_current_config_version_after_a_deploy()
    {
        var pipeline = fixture.Session.CreatePipeline(Node, SiloFixture.UniqueName(), "Void");
        var echo = pipeline.CreatePluginInstance("ECHO_01", "e1", new Dictionary<string, object?> { ["PROCESS_DELAY"] = 1 });
        await pipeline.DeployAsync();
        pipeline.UpdateInstanceConfig("ECHO_01", "e1", new Dictionary<string, object?> { ["MESSAGE"] = "second" });
        await pipeline.DeployAsync();
        await UntilReportedAsync(echo, s => s is { State: PluginInstanceState.Running, ConfigVersion: 2 });

        var result = await R1ctl.RunAsync(fixture, "instance", Node, pipeline.Name, "ECHO_01", "e1");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"(?m)^status:\s+running, config version 2 \(current\) \(reported ", result.Stdout);
    }

    [Fact]
    public async Task Instance_shows_paused_after_forced_pause()
    {
        var pipeline = fixture.Session.CreatePipeline(Node, SiloFixture.UniqueName(), "Void");
        var echo = pipeline.CreatePluginInstance("ECHO_01", "e1", new Dictionary<string, object?> { ["PROCESS_DELAY"] = 1 });
        await pipeline.DeployAsync();

        pipeline.UpdateInstanceConfig("ECHO_01", "e1", new Dictionary<string, object?> { ["FORCED_PAUSE"] = true });
        await pipeline.DeployAsync();
        await UntilReportedAsync(echo, s => s is { State: PluginInstanceState.Paused, ConfigVersion: 2 });
        var result = await R1ctl.RunAsync(fixture, "instance", Node, pipeline.Name, "ECHO_01", "e1");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"(?m)^status:\s+paused, config version 2 \(current\) ", result.Stdout);
    }

    [Fact]
    public async Task Instance_shows_the_last_error_of_a_throwing_plugin()
    {
        var pipeline = fixture.Session.CreatePipeline(Node, SiloFixture.UniqueName(), "Void");
        var failing = pipeline.CreatePluginInstance("FAILING_01", "f1");
        await pipeline.DeployAsync(DeployOptions.NoConfirmation);

        await UntilReportedAsync(failing, s => s is { State: PluginInstanceState.Failing, LastError: not null });
        var result = await R1ctl.RunAsync(fixture, "instance", Node, pipeline.Name, "FAILING_01", "f1");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"(?m)^status:\s+failing, config version 1 \(current\) ", result.Stdout);
        Assert.Matches(@"(?m)^last error:\s+InvalidOperationException: boom #\d+ \(", result.Stdout);
    }

    private static async Task UntilReportedAsync(PluginInstance instance, Func<PluginInstanceStatus?, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        PluginInstanceStatus? status;
        while (!condition(status = await instance.GetStatusAsync()))
        {
            Assert.True(DateTime.UtcNow < deadline, $"The node did not report the expected status; last: {status}");
            await Task.Delay(100);
        }
    }
}
