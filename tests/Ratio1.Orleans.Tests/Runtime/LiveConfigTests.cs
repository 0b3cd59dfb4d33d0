using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Runtime;

/// <summary>A config change reaches the running instance without restarting it; a change it rejects is rolled back.</summary>
[Collection(SiloCollection.Name)]
public sealed class LiveConfigTests(SiloFixture fixture)
{
    private const string Node = SiloFixture.NodeId;

    [Fact]
    public async Task A_live_update_changes_behaviour_without_restarting_the_instance()
    {
        var (pipeline, traffic) = await DeployProbeAsync();
        await traffic.WaitUntilAsync(t => t.Payloads.Any(), what: "a payload");

        pipeline.UpdateInstanceConfig("PROBE_01", "p1", new Dictionary<string, object?> { ["SETTING"] = "b" });
        await pipeline.DeployAsync();
        await traffic.WaitUntilAsync(t => t.Payloads.Any(p => p.Data["SETTING"].AsString() == "b"), what: "a payload under the new config");

        var updated = traffic.Payloads.First(p => p.Data["SETTING"].AsString() == "b");
        Assert.Equal((1, 1), ((int)updated.Data["INITS"].AsDouble(), (int)updated.Data["CONFIGS"].AsDouble()));
        Assert.Contains(traffic.Notifications, n => n.Code == NotificationCode.PluginConfigOk && n.PipelineVersion == 2);
        await traffic.DisposeAsync();
    }

    [Fact]
    public async Task An_update_the_instance_fails_to_apply_is_rolled_back_and_reported()
    {
        var (pipeline, traffic) = await DeployProbeAsync();
        await traffic.WaitUntilAsync(t => t.Payloads.Any(), what: "a payload");

        pipeline.UpdateInstanceConfig("PROBE_01", "p1", new Dictionary<string, object?> { ["SETTING"] = "c", ["FAIL_ON_CONFIG"] = true });
        var error = await Assert.ThrowsAsync<DeployNotConfirmedException>(() => pipeline.DeployAsync());
        var seen = traffic.Payloads.Count;
        await traffic.WaitUntilAsync(t => t.Payloads.Count >= seen + 3, what: "payloads after the rejected update");

        Assert.Contains("rolled back", Assert.Single(error.Failures).Message);
        Assert.All(traffic.Payloads.Skip(seen), p => Assert.Equal("a", p.Data["SETTING"].AsString()));
        await traffic.DisposeAsync();
    }

    [Fact]
    public async Task An_update_that_breaks_a_plugin_rule_is_refused_at_deploy_and_the_previous_config_keeps_running()
    {
        var (pipeline, traffic) = await DeployProbeAsync();
        await traffic.WaitUntilAsync(t => t.Payloads.Any(), what: "a payload");

        pipeline.UpdateInstanceConfig("PROBE_01", "p1", new Dictionary<string, object?> { ["SETTING"] = "z" });
        var error = await Assert.ThrowsAsync<InvalidConfigException>(() => pipeline.DeployAsync());
        var seen = traffic.Payloads.Count;
        await traffic.WaitUntilAsync(t => t.Payloads.Count >= seen + 2, what: "payloads after the refused update");

        Assert.Equal(("INSTANCE_CONFIG.SETTING", "\"z\""), (error.Field, error.Value));
        Assert.Equal(1, (await fixture.Session.GetPipelineAsync(Node, pipeline.Name)).Version);
        Assert.All(traffic.Payloads.Skip(seen), p => Assert.Equal("a", p.Data["SETTING"].AsString()));
        await traffic.DisposeAsync();
    }

    [Fact]
    public async Task A_forced_pause_stops_executions_until_it_is_cleared()
    {
        var (pipeline, traffic) = await DeployProbeAsync();
        await traffic.WaitUntilAsync(t => t.Payloads.Any(), what: "a payload");

        pipeline.UpdateInstanceConfig("PROBE_01", "p1", new Dictionary<string, object?> { ["FORCED_PAUSE"] = true });
        await pipeline.DeployAsync();
        await traffic.WaitUntilAsync(t => t.Notifications.Any(n => n.Code == NotificationCode.PluginPauseOk), what: "the pause");
        var paused = traffic.Payloads.Count;
        await Task.Delay(600);
        var duringPause = traffic.Payloads.Count - paused;

        pipeline.UpdateInstanceConfig("PROBE_01", "p1", new Dictionary<string, object?> { ["FORCED_PAUSE"] = false });
        await pipeline.DeployAsync();
        await traffic.WaitUntilAsync(t => t.Payloads.Count > paused + duringPause + 2, what: "payloads after resuming");

        Assert.InRange(duringPause, 0, 1);
        Assert.Contains(traffic.Notifications, n => n.Code == NotificationCode.PluginConfigInPauseOk);
        Assert.Contains(traffic.Notifications, n => n.Code == NotificationCode.PluginResumeOk);
        await traffic.DisposeAsync();
    }

    [Fact]
    public async Task A_disabled_instance_is_confirmed_but_does_not_execute()
    {
        var name = SiloFixture.UniqueName();
        await using var traffic = await TrafficRecorder.StartAsync(fixture.Session, Node, name);
        var pipeline = fixture.Session.CreatePipeline(Node, name, "Void");
        pipeline.CreatePluginInstance("PROBE_01", "p1", new Dictionary<string, object?> { ["DISABLED"] = true });
        pipeline.CreatePluginInstance("ECHO_01", "e1", new Dictionary<string, object?> { ["ALLOW_EMPTY_INPUTS"] = true, ["PROCESS_DELAY"] = 0.05 });

        await pipeline.DeployAsync();
        await traffic.WaitUntilAsync(t => t.CountPayloads("ECHO_01", "e1") >= 5, what: "the sibling's payloads");

        Assert.Equal(0, traffic.CountPayloads("PROBE_01", "p1"));
    }

    [Fact]
    public async Task Outside_its_working_hours_an_instance_does_not_execute()
    {
        var name = SiloFixture.UniqueName();
        await using var traffic = await TrafficRecorder.StartAsync(fixture.Session, Node, name);
        var now = DateTime.UtcNow;
        var later = $"{(now.Hour + 2) % 24:D2}:00";
        var evenLater = $"{(now.Hour + 3) % 24:D2}:00";
        var pipeline = fixture.Session.CreatePipeline(Node, name, "Void");
        pipeline.CreatePluginInstance("PROBE_01", "p1", new Dictionary<string, object?>
        {
            ["WORKING_HOURS"] = new[] { new[] { later, evenLater } },
            ["WORKING_HOURS_TIMEZONE"] = "UTC",
        });
        pipeline.CreatePluginInstance("ECHO_01", "e1", new Dictionary<string, object?> { ["ALLOW_EMPTY_INPUTS"] = true, ["PROCESS_DELAY"] = 0.05 });

        await pipeline.DeployAsync();
        await traffic.WaitUntilAsync(t => t.CountPayloads("ECHO_01", "e1") >= 5, what: "the sibling's payloads");

        Assert.Equal(0, traffic.CountPayloads("PROBE_01", "p1"));
        Assert.Contains(traffic.Notifications, n => n.Code == NotificationCode.PluginWorkingHoursShiftEnd && n.Envelope.Signature == "PROBE_01");
    }

    private async Task<(Pipeline Pipeline, TrafficRecorder Traffic)> DeployProbeAsync()
    {
        var name = SiloFixture.UniqueName();
        var traffic = await TrafficRecorder.StartAsync(fixture.Session, Node, name);
        var pipeline = fixture.Session.CreatePipeline(Node, name, "Void");
        pipeline.CreatePluginInstance("PROBE_01", "p1");
        await pipeline.DeployAsync();
        return (pipeline, traffic);
    }
}
