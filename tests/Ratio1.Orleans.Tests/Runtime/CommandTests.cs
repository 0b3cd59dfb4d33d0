using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Runtime;

/// <summary>Commands reach the instance or the capture source exactly once, and the node confirms them.</summary>
[Collection(SiloCollection.Name)]
public sealed class CommandTests(SiloFixture fixture)
{
    private const string Node = SiloFixture.NodeId;

    [Fact]
    public async Task An_instance_command_reaches_on_command_exactly_once_and_is_confirmed()
    {
        var name = SiloFixture.UniqueName();
        await using var traffic = await TrafficRecorder.StartAsync(fixture.Session, Node, name);
        var pipeline = fixture.Session.CreatePipeline(Node, name, "Void");
        var probe = pipeline.CreatePluginInstance("PROBE_01", "p1");
        await pipeline.DeployAsync();

        var answer = await probe.SendCommandAsync("RECALIBRATE", new Dictionary<string, object?> { ["LEVEL"] = 3 });
        await traffic.WaitUntilAsync(t => t.Payloads.Any(p => p.Data["COMMANDS"].Items.Length > 0), what: "a payload after the command");
        await Task.Delay(300);

        Assert.Equal(NotificationCode.PluginInstanceCommandOk, answer.Code);
        Assert.All(traffic.Payloads.Where(p => p.Data["COMMANDS"].Items.Length > 0), p => Assert.Equal("[\"RECALIBRATE\"]", p.Data["COMMANDS"].ToJson()));
        Assert.Equal(1, traffic.Notifications.Count(n => n.Code == NotificationCode.PluginInstanceCommandOk));
        Assert.Equal(1, (await fixture.Session.GetPipelineAsync(Node, name)).Version);
    }

    [Fact]
    public async Task An_instance_command_inside_an_instance_update_is_delivered_once_without_a_new_version_or_reconfiguring()
    {
        var name = SiloFixture.UniqueName();
        await using var traffic = await TrafficRecorder.StartAsync(fixture.Session, Node, name);
        var pipeline = fixture.Session.CreatePipeline(Node, name, "Void");
        pipeline.CreatePluginInstance("PROBE_01", "p1", new Dictionary<string, object?> { ["PROCESS_DELAY"] = 0.1 });
        await pipeline.DeployAsync();

        // As a Ratio1 client sends it: UPDATE_PIPELINE_INSTANCE with INSTANCE_COMMAND (and its COMMAND_PARAMS).
        var outcome = await fixture.Session.UpdateInstanceAsync(Node, name, "PROBE_01", "p1",
            ConfigMap.Parse("{\"INSTANCE_COMMAND\": {\"COMMAND\": \"RECALIBRATE\", \"COMMAND_PARAMS\": {\"LEVEL\": 3}}}"));
        await traffic.WaitUntilAsync(t => t.Payloads.Any(p => p.Data["COMMANDS"].Items.Length > 0), what: "a payload after the command");
        await Task.Delay(300);

        Assert.False(outcome.Changed);
        Assert.Equal(1, (await fixture.Session.GetPipelineAsync(Node, name)).Version);
        Assert.Equal(1, traffic.Notifications.Count(n => n.Code == NotificationCode.PluginInstanceCommandOk));
        var last = traffic.Payloads[^1].Data;
        Assert.Equal(("[\"RECALIBRATE\"]", 0.0), (last["COMMANDS"].ToJson(), last["CONFIGS"].AsDouble()));
    }

    [Fact]
    public async Task A_command_the_instance_fails_is_reported_with_its_error()
    {
        var pipeline = fixture.Session.CreatePipeline(Node, SiloFixture.UniqueName(), "Void");
        var probe = pipeline.CreatePluginInstance("PROBE_01", "p1");
        await pipeline.DeployAsync();

        var error = await Assert.ThrowsAsync<CommandFailedException>(() => probe.SendCommandAsync("FAIL"));

        Assert.Equal(NotificationCode.PluginInstanceCommandFailed, error.Notification!.Code);
        Assert.Contains("command failed on purpose", error.Message);
    }

    [Fact]
    public async Task A_pipeline_command_reaches_the_capture_source_exactly_once_and_is_confirmed()
    {
        var name = SiloFixture.UniqueName();
        await using var traffic = await TrafficRecorder.StartAsync(fixture.Session, Node, name);
        var pipeline = fixture.Session.CreatePipeline(Node, name, "TEST_COMMANDS");
        pipeline.CreatePluginInstance("ECHO_01", "e1", new Dictionary<string, object?> { ["MAX_INPUTS_QUEUE_SIZE"] = 16 });
        await pipeline.DeployAsync();

        var answer = await pipeline.SendCommandAsync("SNAPSHOT");
        await traffic.WaitUntilAsync(t => t.Payloads.Any(), what: "the echoed command");
        await Task.Delay(300);

        Assert.Equal(NotificationCode.PipelineOk, answer.Code);
        var echoed = Assert.Single(traffic.Payloads);
        Assert.Equal("{\"COMMAND\":\"SNAPSHOT\",\"COUNT\":1}", echoed.Data["DATA"].ToJson());
    }

    [Fact]
    public async Task A_restart_command_starts_the_capture_source_over()
    {
        var csv = Path.Combine(Directory.CreateTempSubdirectory("r1-csv-").FullName, "rows.csv");
        File.WriteAllLines(csv, ["n", "1", "2", "3"]);
        var name = SiloFixture.UniqueName();
        await using var traffic = await TrafficRecorder.StartAsync(fixture.Session, Node, name);
        var pipeline = fixture.Session.CreatePipeline(Node, name, "StructuredFile", new Dictionary<string, object?> { ["URL"] = csv, ["CAP_RESOLUTION"] = 50 });
        pipeline.CreatePluginInstance("ECHO_01", "e1", new Dictionary<string, object?> { ["MAX_INPUTS_QUEUE_SIZE"] = 16 });
        await pipeline.DeployAsync();
        await traffic.WaitUntilAsync(t => t.Payloads.Count >= 3 && t.Notifications.Any(n => n.Code == NotificationCode.PipelineDataOk), what: "the whole file once");

        var answer = await pipeline.SendCommandAsync("RESTART");
        await traffic.WaitUntilAsync(t => t.Payloads.Count >= 6, what: "the whole file again");

        Assert.Equal(NotificationCode.PipelineOk, answer.Code);
        Assert.Equal(["1", "2", "3", "1", "2", "3"], traffic.Payloads.Select(p => p.Data["DATA"].Fields["n"].ToJson().Trim('"')));
    }

    [Fact]
    public async Task A_pipeline_command_the_source_does_not_take_fails_instead_of_passing_for_done()
    {
        var csv = Path.Combine(Directory.CreateTempSubdirectory("r1-csv-").FullName, "rows.csv");
        File.WriteAllLines(csv, ["n", "1"]);
        var pipeline = fixture.Session.CreatePipeline(Node, SiloFixture.UniqueName(), "StructuredFile", new Dictionary<string, object?> { ["URL"] = csv });
        pipeline.CreatePluginInstance("ECHO_01", "e1");
        await pipeline.DeployAsync();

        var error = await Assert.ThrowsAsync<CommandFailedException>(() => pipeline.SendCommandAsync("REWIND_TO_NOON"));

        Assert.Equal(NotificationCode.PipelineFailed, error.Notification!.Code);
        Assert.Contains("takes no pipeline command \"REWIND_TO_NOON\"", error.Message);
    }

    [Fact]
    public async Task A_command_to_an_instance_that_is_not_running_is_refused()
    {
        var pipeline = fixture.Session.CreatePipeline(Node, SiloFixture.UniqueName(), "Void");
        pipeline.CreatePluginInstance("PROBE_01", "p1");
        await pipeline.DeployAsync();

        await Assert.ThrowsAsync<InstanceNotFoundException>(() =>
            fixture.Session.SendInstanceCommandAsync(Node, pipeline.Name, "PROBE_01", "nope", "RESET"));
    }

    [Fact]
    public async Task A_pushed_input_is_answered_by_a_payload_carrying_its_id()
    {
        var pipeline = fixture.Session.CreatePipeline(Node, SiloFixture.UniqueName(), "OnDemandInput");
        pipeline.CreatePluginInstance("ECHO_01", "e1");
        await pipeline.DeployAsync();

        var answer = await fixture.Session.RequestAsync(Node, pipeline.Name, new Dictionary<string, object?> { ["QUESTION"] = 42 });

        Assert.Equal("{\"QUESTION\":42}", answer.Data["DATA"].ToJson());
        Assert.Equal("e1", answer.Envelope.InstanceId);
    }

    [Fact]
    public async Task Only_on_demand_pipelines_take_pushed_inputs()
    {
        var pipeline = fixture.Session.CreatePipeline(Node, SiloFixture.UniqueName(), "Void");
        pipeline.CreatePluginInstance("ECHO_01", "e1");
        await pipeline.DeployAsync();

        var error = await Assert.ThrowsAsync<InvalidConfigException>(() => fixture.Session.PushInputAsync(Node, pipeline.Name, "hello"));

        Assert.Equal("TYPE", error.Field);
    }
}
