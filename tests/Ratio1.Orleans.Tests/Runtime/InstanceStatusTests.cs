using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts.Plugins;
using Ratio1.Orleans.Testing;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Runtime;

/// <summary>
/// The node reports its instances' states to their grains (counters at the status period, not per execution), and the
/// state says what the instance does now.
/// </summary>
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

    [Fact]
    public async Task Clearing_DISABLED_brings_the_state_back_to_running()
    {
        await using var silo = await TestSilo.StartAsync("edge-status-enabled", configure: SiloFixture.TestPluginsOn);
        await using var session = await silo.ConnectAsync();
        var pipeline = session.CreatePipeline(silo.NodeId, "switched", "Void");
        var echo = pipeline.CreatePluginInstance("ECHO_01", "e1", new Dictionary<string, object?> { ["DISABLED"] = true, ["PROCESS_DELAY"] = 1 });
        await pipeline.DeployAsync();
        await StatusUntil(echo, s => s.State == PluginInstanceState.Disabled, "the disabled state");

        pipeline.UpdateInstanceConfig("ECHO_01", "e1", new Dictionary<string, object?> { ["DISABLED"] = false });
        await pipeline.DeployAsync();

        var status = await StatusUntil(echo, s => s.ConfigVersion == 2 && s.State != PluginInstanceState.Disabled, "the state after DISABLED was cleared");
        Assert.Equal(PluginInstanceState.Running, status.State);
    }

    [Fact]
    public async Task A_config_the_plugin_refuses_while_running_is_the_last_error_and_the_old_version_runs_on()
    {
        await using var silo = await TestSilo.StartAsync("edge-status-refused", configure: SiloFixture.TestPluginsOn);
        await using var session = await silo.ConnectAsync();
        var pipeline = session.CreatePipeline(silo.NodeId, "refusing", "Void");
        var probe = pipeline.CreatePluginInstance("PROBE_01", "p1", new Dictionary<string, object?> { ["PROCESS_DELAY"] = 1 });
        await pipeline.DeployAsync();

        pipeline.UpdateInstanceConfig("PROBE_01", "p1", new Dictionary<string, object?> { ["FAIL_ON_CONFIG"] = true });
        await pipeline.DeployAsync(DeployOptions.NoConfirmation);

        var status = await StatusUntil(probe, s => s.LastError is not null, "the refusal to be reported");
        Assert.StartsWith("Config version 2 refused: OnConfig failed", status.LastError);
        Assert.Contains("refusing this config on purpose", status.LastError);
        Assert.Equal(1, status.ConfigVersion);
        Assert.Equal(PluginInstanceState.Running, status.State);
    }

    [Fact]
    public async Task An_instance_whose_plugin_the_node_no_longer_has_is_reported_failed_with_the_reason()
    {
        var data = Directory.CreateTempSubdirectory("r1-missing-plugin-").FullName;
        await using (var first = await TestSilo.StartAsync("edge-status-missing", data, SiloFixture.TestPluginsOn))
        await using (var session = await first.ConnectAsync())
        {
            var pipeline = session.CreatePipeline(first.NodeId, "orphaned", "Void");
            pipeline.CreatePluginInstance("PROBE_01", "p1", new Dictionary<string, object?> { ["PROCESS_DELAY"] = 1 });
            await pipeline.DeployAsync();
        }

        // The node comes back without the test plugins: its stored pipeline names a plugin it no longer has.
        await using var again = await TestSilo.StartAsync("edge-status-missing", data);
        await using var client = await again.ConnectAsync();

        var deadline = DateTime.UtcNow.AddSeconds(20);
        PluginInstanceStatus? status;
        while ((status = (await client.GetInstanceAsync(again.NodeId, "orphaned", "PROBE_01", "p1")).Status) is not { State: PluginInstanceState.Failed })
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not reported failed; last status: {status}");
            await Task.Delay(100);
        }

        Assert.Contains("has no plugin 'PROBE_01' for instance 'p1'", status.LastError);
        Assert.Equal(1, status.ConfigVersion);
    }

    [Fact]
    public async Task An_instance_flapping_between_running_and_failing_is_reported_once_per_gap_not_per_flip()
    {
        // No periodic report: every report counted here is one a change caused.
        await using var silo = await TestSilo.StartAsync("edge-status-flapping", configure: SiloFixture.TestPluginsOn, extraArgs: ["--Node:InstanceStatusSeconds=3600"]);
        await using var session = await silo.ConnectAsync();
        var pipeline = session.CreatePipeline(silo.NodeId, "flapping", "Void");
        var flapping = pipeline.CreatePluginInstance("FLAPPING_01", "f1");
        await pipeline.DeployAsync();
        var before = silo.Runtime.InstanceStatusReports;

        await Task.Delay(TimeSpan.FromSeconds(3));

        // Dozens of flips in 3 s; one report per 2 s gap (and one for the first failure held back, at most).
        Assert.InRange(silo.Runtime.InstanceStatusReports - before, 1, 3);
        var status = await flapping.GetStatusAsync();
        Assert.Equal("InvalidOperationException: flap", status?.LastError);
    }

    private static async Task<PluginInstanceStatus> StatusUntil(PluginInstance instance, Func<PluginInstanceStatus, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        PluginInstanceStatus? status;
        while ((status = await instance.GetStatusAsync()) is null || !condition(status))
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}; last status: {status}");
            await Task.Delay(100);
        }

        return status;
    }
}
