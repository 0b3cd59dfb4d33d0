using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Telemetry;

/// <summary>The platform's own work is measured on the meter <c>Ratio1.Orleans</c>, as docs/metrics.md lists it.</summary>
[Collection(SiloCollection.Name)]
public sealed class PlatformMetricsTests(SiloFixture fixture)
{
    private const string Node = SiloFixture.NodeId;

    [Fact]
    public async Task Payloads_and_executions_of_an_instance_are_counted_by_pipeline_and_signature()
    {
        using var metrics = new MeasuredMetrics(fixture.Silo);
        var name = SiloFixture.UniqueName("met");
        var pipeline = fixture.Session.CreatePipeline(Node, name, "Void");
        pipeline.CreatePluginInstance("ECHO_01", "e1", new Dictionary<string, object?> { ["ALLOW_EMPTY_INPUTS"] = true, ["PROCESS_DELAY"] = 0.05 });
        await pipeline.DeployAsync();

        (string, string)[] echo = [("ratio1.pipeline", name), ("ratio1.signature", "ECHO_01"), ("ratio1.node", Node)];
        await metrics.WaitUntilAsync(m => m.Sum("ratio1.payloads.published", echo) >= 5 && m.Sum("ratio1.instance.executions", echo) >= 5, "5 payloads and executions of ECHO_01");

        Assert.True(metrics.Count("ratio1.instance.execution.duration", echo) >= 5);
        Assert.Equal(1, metrics.Sum("ratio1.instance.config_changes", [.. echo, ("outcome", "ok")]));
        Assert.Equal(0, metrics.Sum("ratio1.instance.errors", echo));
    }

    [Fact]
    public async Task A_failing_instance_is_counted_as_errors_by_signature()
    {
        using var metrics = new MeasuredMetrics(fixture.Silo);
        var name = SiloFixture.UniqueName("met");
        var pipeline = fixture.Session.CreatePipeline(Node, name, "Void");
        pipeline.CreatePluginInstance("FAILING_01", "f1");
        await pipeline.DeployAsync(DeployOptions.NoConfirmation);

        (string, string)[] failing = [("ratio1.pipeline", name), ("ratio1.signature", "FAILING_01")];
        await metrics.WaitUntilAsync(m => m.Sum("ratio1.instance.errors", [.. failing, ("stage", "execution")]) >= 2, "2 errors of FAILING_01");

        Assert.True(metrics.Sum("ratio1.instance.executions", failing) >= 2);
        Assert.Equal(0, metrics.Sum("ratio1.payloads.published", failing));
    }

    [Fact]
    public async Task Items_a_capture_source_delivers_are_counted_by_capture_type()
    {
        using var metrics = new MeasuredMetrics(fixture.Silo);
        var name = SiloFixture.UniqueName("met");
        var pipeline = fixture.Session.CreatePipeline(Node, name, "OnDemandInput");
        pipeline.CreatePluginInstance("ECHO_01", "e1");
        await pipeline.DeployAsync();

        for (var i = 0; i < 3; i++)
        {
            await fixture.Session.PushInputAsync(Node, name, new Dictionary<string, object?> { ["n"] = i });
        }

        (string, string)[] source = [("ratio1.pipeline", name), ("ratio1.capture.type", "OnDemandInput")];
        await metrics.WaitUntilAsync(m => m.Sum("ratio1.capture.frames", source) == 3, "3 capture frames");
    }

    [Fact]
    public async Task Deploys_are_counted_by_outcome()
    {
        using var metrics = new MeasuredMetrics(fixture.Silo);
        var name = SiloFixture.UniqueName("met");
        await fixture.Session.DeployPipelineJsonAsync(Node, $$"""{"NAME":"{{name}}","TYPE":"Void","PLUGINS":[{"SIGNATURE":"ECHO_01","INSTANCES":[{"INSTANCE_ID":"e1"}]}]}""");
        await Assert.ThrowsAsync<InvalidConfigException>(() =>
            fixture.Session.DeployPipelineJsonAsync(Node, $$"""{"NAME":"{{SiloFixture.UniqueName("met")}}","PLUGINS":[]}"""));

        Assert.Equal(1, metrics.Sum("ratio1.pipeline.deploys", ("outcome", "ok"), ("ratio1.node", Node)));
        Assert.Equal(1, metrics.Sum("ratio1.pipeline.deploys", ("outcome", "invalid")));
    }

    [Fact]
    public async Task Notifications_are_counted_by_code_and_type()
    {
        using var metrics = new MeasuredMetrics(fixture.Silo);
        var pipeline = fixture.Session.CreatePipeline(Node, SiloFixture.UniqueName("met"), "Void");
        pipeline.CreatePluginInstance("ECHO_01", "e1");
        await pipeline.DeployAsync();

        (string, string)[] pipelineOk = [("ratio1.node", Node), ("ratio1.notification.code", "PIPELINE_OK"), ("ratio1.notification.type", "NORMAL")];
        await metrics.WaitUntilAsync(m => m.Sum("ratio1.notifications.sent", pipelineOk) >= 1, "a PIPELINE_OK");
    }

    [Fact]
    public async Task Heartbeats_are_counted_by_node()
    {
        using var metrics = new MeasuredMetrics(fixture.Silo);

        await metrics.WaitUntilAsync(m => m.Sum("ratio1.heartbeats.sent", ("ratio1.node", Node)) >= 1, "a heartbeat (one per 10 s)");
    }
}
