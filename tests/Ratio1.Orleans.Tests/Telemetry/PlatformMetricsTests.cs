using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Telemetry;

/// <summary>The platform's own work is on <c>/metrics</c> (meter <c>Ratio1.Orleans</c>), as docs/metrics.md lists it.</summary>
[Collection(SiloCollection.Name)]
public sealed class PlatformMetricsTests(SiloFixture fixture)
{
    private const string Node = SiloFixture.NodeId;

    [Fact]
    public async Task Payloads_and_executions_of_an_instance_are_counted_by_pipeline_and_signature()
    {
        var name = SiloFixture.UniqueName("met");
        var pipeline = fixture.Session.CreatePipeline(Node, name, "Void");
        pipeline.CreatePluginInstance("ECHO_01", "e1", new Dictionary<string, object?> { ["ALLOW_EMPTY_INPUTS"] = true, ["PROCESS_DELAY"] = 0.05 });
        await pipeline.DeployAsync();

        (string, string)[] echo = [("ratio1_pipeline", name), ("ratio1_signature", "ECHO_01"), ("ratio1_node", Node)];
        var metrics = await ScrapedMetrics.WaitUntilAsync(fixture.Silo, m => m.Sum("ratio1_payloads_published_total", echo) >= 5, "5 payloads of ECHO_01");

        Assert.True(metrics.Sum("ratio1_instance_executions_total", echo) >= 5);
        Assert.True(metrics.Sum("ratio1_instance_execution_duration_seconds_count", echo) >= 5);
        Assert.Equal(1, metrics.Sum("ratio1_instance_config_changes_total", [.. echo, ("outcome", "ok")]));
        Assert.Equal(0, metrics.Sum("ratio1_instance_errors_total", echo));
    }

    [Fact]
    public async Task A_failing_instance_is_counted_as_errors_by_signature()
    {
        var name = SiloFixture.UniqueName("met");
        var pipeline = fixture.Session.CreatePipeline(Node, name, "Void");
        pipeline.CreatePluginInstance("FAILING_01", "f1");
        await pipeline.DeployAsync(DeployOptions.NoConfirmation);

        (string, string)[] failing = [("ratio1_pipeline", name), ("ratio1_signature", "FAILING_01")];
        var metrics = await ScrapedMetrics.WaitUntilAsync(fixture.Silo, m => m.Sum("ratio1_instance_errors_total", [.. failing, ("stage", "execution")]) >= 2, "2 errors of FAILING_01");

        Assert.True(metrics.Sum("ratio1_instance_executions_total", failing) >= 2);
        Assert.Equal(0, metrics.Sum("ratio1_payloads_published_total", failing));
    }

    [Fact]
    public async Task Items_a_capture_source_delivers_are_counted_by_capture_type()
    {
        var name = SiloFixture.UniqueName("met");
        var pipeline = fixture.Session.CreatePipeline(Node, name, "OnDemandInput");
        pipeline.CreatePluginInstance("ECHO_01", "e1");
        await pipeline.DeployAsync();

        for (var i = 0; i < 3; i++)
        {
            await fixture.Session.PushInputAsync(Node, name, new Dictionary<string, object?> { ["n"] = i });
        }

        (string, string)[] source = [("ratio1_pipeline", name), ("ratio1_capture_type", "OnDemandInput")];
        await ScrapedMetrics.WaitUntilAsync(fixture.Silo, m => m.Sum("ratio1_capture_frames_total", source) == 3, "3 capture frames");
    }

    [Fact]
    public async Task Deploys_are_counted_by_outcome()
    {
        var before = await ScrapedMetrics.ReadAsync(fixture.Silo);
        var name = SiloFixture.UniqueName("met");
        await fixture.Session.DeployPipelineJsonAsync(Node, $$"""{"NAME":"{{name}}","TYPE":"Void","PLUGINS":[{"SIGNATURE":"ECHO_01","INSTANCES":[{"INSTANCE_ID":"e1"}]}]}""");
        await Assert.ThrowsAsync<InvalidConfigException>(() =>
            fixture.Session.DeployPipelineJsonAsync(Node, $$"""{"NAME":"{{SiloFixture.UniqueName("met")}}","PLUGINS":[]}"""));

        await ScrapedMetrics.WaitUntilAsync(fixture.Silo, m =>
            m.Sum("ratio1_pipeline_deploys_total", ("outcome", "ok"), ("ratio1_node", Node)) > before.Sum("ratio1_pipeline_deploys_total", ("outcome", "ok"), ("ratio1_node", Node))
            && m.Sum("ratio1_pipeline_deploys_total", ("outcome", "invalid")) > before.Sum("ratio1_pipeline_deploys_total", ("outcome", "invalid")),
            "one more ok and one more invalid deploy");
    }

    [Fact]
    public async Task Notifications_are_counted_by_code_and_type()
    {
        var before = await ScrapedMetrics.ReadAsync(fixture.Silo);
        var pipeline = fixture.Session.CreatePipeline(Node, SiloFixture.UniqueName("met"), "Void");
        pipeline.CreatePluginInstance("ECHO_01", "e1");
        await pipeline.DeployAsync();

        (string, string)[] pipelineOk = [("ratio1_node", Node), ("ratio1_notification_code", "PIPELINE_OK"), ("ratio1_notification_type", "NORMAL")];
        await ScrapedMetrics.WaitUntilAsync(fixture.Silo,
            m => m.Sum("ratio1_notifications_sent_total", pipelineOk) > before.Sum("ratio1_notifications_sent_total", pipelineOk), "one more PIPELINE_OK");
    }

    [Fact]
    public async Task Heartbeats_are_counted_by_node() =>
        await ScrapedMetrics.WaitUntilAsync(fixture.Silo, m => m.Sum("ratio1_heartbeats_sent_total", ("ratio1_node", Node)) >= 1, "a heartbeat");
}
