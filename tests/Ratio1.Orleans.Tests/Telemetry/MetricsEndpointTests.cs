using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Testing;

namespace Ratio1.Orleans.Tests.Telemetry;

/// <summary>
/// The platform's instruments reach <c>/metrics</c> as Prometheus text, with the names docs/metrics.md gives. A silo
/// process of its own: in one process, OpenTelemetry merges the same-named meters of every silo it runs.
/// </summary>
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Payloads_executions_deploys_and_heartbeats_are_scraped_from_metrics()
    {
        await using var silo = await SiloProcess.StartAsync("edge-metrics");
        await using var session = await silo.ConnectAsync();
        await session.DeployPipelineJsonAsync(silo.NodeId,
            """{"NAME":"scraped","TYPE":"Void","PLUGINS":[{"SIGNATURE":"ECHO_01","INSTANCES":[{"INSTANCE_ID":"e1","ALLOW_EMPTY_INPUTS":true,"PROCESS_DELAY":0.05}]}]}""");
        await Assert.ThrowsAsync<InvalidConfigException>(() => session.DeployPipelineJsonAsync(silo.NodeId, """{"NAME":"no-type","PLUGINS":[]}"""));

        (string, string)[] echo = [("ratio1_node", silo.NodeId), ("ratio1_pipeline", "scraped"), ("ratio1_signature", "ECHO_01")];
        var metrics = await ScrapedMetrics.WaitUntilAsync(silo, m =>
            m.Sum("ratio1_payloads_published_total", echo) >= 3 && m.Sum("ratio1_heartbeats_sent_total", ("ratio1_node", silo.NodeId)) >= 1,
            "3 payloads and a heartbeat");

        Assert.True(metrics.Sum("ratio1_instance_executions_total", echo) >= 3);
        Assert.True(metrics.Sum("ratio1_instance_execution_duration_seconds_count", echo) >= 3);
        Assert.Equal(1, metrics.Sum("ratio1_pipeline_deploys_total", ("outcome", "ok"), ("ratio1_node", silo.NodeId)));
        Assert.Equal(1, metrics.Sum("ratio1_pipeline_deploys_total", ("outcome", "invalid")));
        Assert.True(metrics.Sum("ratio1_notifications_sent_total", ("ratio1_notification_code", "PIPELINE_OK")) >= 1);
    }
}
