using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Runtime;

/// <summary>A node runs what is deployed to it, and an external client sees the results live.</summary>
[Collection(SiloCollection.Name)]
public sealed class LiveExecutionTests(SiloFixture fixture)
{
    private const string Node = SiloFixture.NodeId;

    [Fact]
    public async Task A_deployed_pipeline_sends_payloads_at_the_rate_its_process_delay_implies()
    {
        var name = SiloFixture.UniqueName();
        await using var traffic = await TrafficRecorder.StartAsync(fixture.Session, Node, name);
        var pipeline = fixture.Session.CreatePipeline(Node, name, "Void");
        pipeline.CreatePluginInstance("ECHO_01", "e1", new Dictionary<string, object?> { ["PROCESS_DELAY"] = 0.2, ["ALLOW_EMPTY_INPUTS"] = true });
        await pipeline.DeployAsync();
        await traffic.WaitUntilAsync(t => t.Payloads.Count >= 1, what: "the first payload");

        var first = traffic.Payloads.Count;
        await Task.Delay(TimeSpan.FromSeconds(2));
        var inTwoSeconds = traffic.Payloads.Count - first;

        // 0.2 s between executions: about 10 in 2 s (the machine is shared; allow a wide margin, but not an unpaced loop).
        Assert.InRange(inTwoSeconds, 6, 13);
        Assert.All(traffic.Payloads, p => Assert.Equal((Node, name, "ECHO_01", "e1"), (p.Envelope.NodeId, p.Envelope.Pipeline, p.Envelope.Signature, p.Envelope.InstanceId)));
    }

    [Fact]
    public async Task Payloads_carry_the_envelope_of_ratio1_messages()
    {
        var name = SiloFixture.UniqueName();
        await using var traffic = await TrafficRecorder.StartAsync(fixture.Session, Node, name);
        var pipeline = fixture.Session.CreatePipeline(Node, name, "Void");
        pipeline.CreatePluginInstance("ECHO_01", "e1", new Dictionary<string, object?> { ["PROCESS_DELAY"] = 0.05, ["ALLOW_EMPTY_INPUTS"] = true });
        await pipeline.DeployAsync();

        await traffic.WaitUntilAsync(t => t.Payloads.Count >= 3);

        var payloads = traffic.Payloads.Take(3).ToList();
        Assert.True(payloads[0].Envelope.Sequence < payloads[1].Envelope.Sequence && payloads[1].Envelope.Sequence < payloads[2].Envelope.Sequence);
        Assert.All(payloads, p => Assert.Equal((fixture.Session.ClientName, fixture.Session.ClientName, fixture.Session.SessionId), (p.Envelope.InitiatorId, p.Envelope.ModifiedById, p.Envelope.SessionId)));
        Assert.All(payloads, p => Assert.Equal(TimeSpan.Zero, p.Envelope.Timestamp.Offset));
        Assert.EndsWith("Z", payloads[0].Envelope.TimestampText);
        Assert.Equal("echo", payloads[0].Data["MESSAGE"].AsString());
    }

    [Fact]
    public async Task Deploy_completes_once_the_node_has_confirmed_every_instance()
    {
        var name = SiloFixture.UniqueName();
        await using var traffic = await TrafficRecorder.StartAsync(fixture.Session, Node, name);
        var pipeline = fixture.Session.CreatePipeline(Node, name, "Void");
        pipeline.CreatePluginInstance("ECHO_01", "e1");
        pipeline.CreatePluginInstance("PROBE_01", "p1");

        await pipeline.DeployAsync();

        await traffic.WaitUntilAsync(t => t.Notifications.Count(n => n.Code == NotificationCode.PluginConfigOk) == 2, TimeSpan.FromSeconds(2), "both confirmations");
        Assert.Contains(traffic.Notifications, n => n.Code == NotificationCode.PipelineOk && n.Envelope.Signature is null);
    }

    [Fact]
    public async Task A_config_that_breaks_a_plugin_rule_is_refused_at_deploy_naming_the_key_and_nothing_is_stored()
    {
        var name = SiloFixture.UniqueName();
        var pipeline = fixture.Session.CreatePipeline(Node, name, "Void");
        pipeline.CreatePluginInstance("SENSOR_THRESHOLD_01", "t1", new Dictionary<string, object?> { ["ALERT_RAISE_VALUE"] = 30 });

        var error = await Assert.ThrowsAsync<InvalidConfigException>(() => pipeline.DeployAsync());

        Assert.Equal("PLUGINS[0].INSTANCES[0].VALUE_KEY", error.Field);
        await Assert.ThrowsAsync<PipelineNotFoundException>(() => fixture.Session.GetPipelineAsync(Node, name));
    }

    [Fact]
    public async Task Deploying_a_plugin_the_node_does_not_offer_is_refused_listing_what_it_offers()
    {
        var pipeline = fixture.Session.CreatePipeline(Node, SiloFixture.UniqueName(), "Void");
        pipeline.CreatePluginInstance("VIEW_SCENE_01", "v1");

        var error = await Assert.ThrowsAsync<InvalidConfigException>(() => pipeline.DeployAsync());

        Assert.Equal(("PLUGINS[0].SIGNATURE", "\"VIEW_SCENE_01\""), (error.Field, error.Value));
        Assert.Contains("ECHO_01", error.Message);
        Assert.Contains("SENSOR_THRESHOLD_01", error.Message);
    }

    [Fact]
    public async Task An_unknown_capture_type_is_refused_naming_TYPE_and_the_types_the_node_offers_and_nothing_is_stored()
    {
        var name = SiloFixture.UniqueName();
        var pipeline = fixture.Session.CreatePipeline(Node, name, "Telepathy");
        pipeline.CreatePluginInstance("ECHO_01", "e1");

        var error = await Assert.ThrowsAsync<InvalidConfigException>(() => pipeline.DeployAsync());

        Assert.Equal(("TYPE", "\"Telepathy\""), (error.Field, error.Value));
        Assert.Contains($"node '{Node}' has no capture type 'Telepathy'; it offers Void, ", error.Message);
        Assert.Contains("StructuredFile", error.Message);
        Assert.Contains("NetworkListener", error.Message);
        await Assert.ThrowsAsync<PipelineNotFoundException>(() => fixture.Session.GetPipelineAsync(Node, name));
    }

    [Fact]
    public async Task Deploying_without_confirmation_returns_as_soon_as_the_change_is_stored()
    {
        var pipeline = fixture.Session.CreatePipeline(Node, SiloFixture.UniqueName(), "Void");
        pipeline.CreatePluginInstance("SENSOR_THRESHOLD_01", "t1", new Dictionary<string, object?> { ["VALUE_KEY"] = "temperature" });

        var outcome = await pipeline.DeployAsync(DeployOptions.NoConfirmation);

        Assert.Equal(1, outcome.Version);
    }
}
