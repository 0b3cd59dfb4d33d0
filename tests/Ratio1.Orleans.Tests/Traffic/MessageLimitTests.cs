using Microsoft.Extensions.DependencyInjection;
using Ratio1.Orleans.Contracts;
using Ratio1.Orleans.Contracts.Commands;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Edge.Traffic;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Traffic;

/// <summary>
/// One message is at most <c>Traffic:MaxMessageBytes</c> (about 1 MB): what is larger is refused where it starts, with
/// the limit named, instead of being lost silently further down the stream.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class MessageLimitTests(SiloFixture fixture)
{
    private const string Node = SiloFixture.NodeId;

    [Fact]
    public async Task A_payload_larger_than_one_message_is_refused_counted_and_reported_by_its_instance_as_an_exception()
    {
        var ledger = fixture.Silo.Services.GetRequiredService<TrafficLedger>();
        var tooBigBefore = ledger.DroppedFor(DropReason.TooBig);
        var name = SiloFixture.UniqueName();
        await using var traffic = await TrafficRecorder.StartAsync(fixture.Session, Node, name);
        var pipeline = fixture.Session.CreatePipeline(Node, name, "Void");
        pipeline.CreatePluginInstance("BIG_PAYLOAD_01", "b1", new Dictionary<string, object?> { ["SIZE_BYTES"] = 50_000_000, ["PROCESS_DELAY"] = 5 });
        await pipeline.DeployAsync();

        await traffic.WaitUntilAsync(t => t.Payloads.Any(p => p.Data.ContainsKey("AFTER")) && t.Notifications.Any(n => n.Type == NotificationType.Exception),
            TimeSpan.FromSeconds(30), "the small payload and the exception");

        var exception = traffic.Notifications.First(n => n.Type == NotificationType.Exception);
        Assert.Contains("50,000,", exception.Message);
        Assert.Contains("1,000,000 bytes", exception.Message);
        Assert.Contains("Traffic:MaxMessageBytes", exception.Message);
        Assert.Equal(("BIG_PAYLOAD_01", "b1"), (exception.Envelope.Signature, exception.Envelope.InstanceId));
        Assert.DoesNotContain(traffic.Payloads, p => p.Data.ContainsKey("BLOB"));
        Assert.True(ledger.DroppedFor(DropReason.TooBig) > tooBigBefore);
    }

    [Fact]
    public async Task A_command_larger_than_one_message_is_refused_by_the_node_with_the_limit_named()
    {
        var name = await DeployProbeAsync();
        var command = new InstanceCommand(Guid.NewGuid(), name, "PROBE_01", "p1", ConfigValue.FromString(new string('c', 2_000_000)), ConfigMap.Empty, "test", null);

        // Straight to the node grain, as a client that skips the library's own check would (below the transport's
        // Limits:MaxMessageBodyBytes, which drops larger messages before the node sees them).
        var error = await Assert.ThrowsAsync<MessageTooLargeException>(() => fixture.Session.Client.GetNode(Node).SendInstanceCommandAsync(command));

        Assert.Equal(1_000_000, error.LimitBytes);
        Assert.True(error.SizeBytes > 2_000_000);
        Assert.Contains("Traffic:MaxMessageBytes", error.Message);
        Assert.Contains("PROBE_01/p1", error.Message);
    }

    [Fact]
    public async Task A_pushed_input_larger_than_one_message_is_refused_by_the_node_with_the_limit_named()
    {
        var name = SiloFixture.UniqueName();
        var pipeline = fixture.Session.CreatePipeline(Node, name, "OnDemandInput");
        pipeline.CreatePluginInstance("ECHO_01", "e1");
        await pipeline.DeployAsync();
        var input = new PipelineInput(Guid.NewGuid(), name, ConfigValue.FromString(new string('i', 2_000_000)), "test");

        var error = await Assert.ThrowsAsync<MessageTooLargeException>(() => fixture.Session.Client.GetNode(Node).PushInputAsync(input));

        Assert.Equal(1_000_000, error.LimitBytes);
        Assert.Contains($"the input for pipeline '{name}'", error.Message);
    }

    [Fact]
    public async Task A_command_larger_than_one_message_is_refused_by_the_client_before_it_is_sent()
    {
        var name = await DeployProbeAsync();

        var error = await Assert.ThrowsAsync<MessageTooLargeException>(() =>
            fixture.Session.SendInstanceCommandAsync(Node, name, "PROBE_01", "p1", new string('c', 20_000_000)));

        Assert.Contains("Ratio1SessionOptions.MaxMessageBytes", error.Message);
        Assert.Contains("1,000,000 bytes", error.Message);
    }

    [Fact]
    public async Task R1ctl_refuses_a_20_MB_command_and_a_50_MB_push_with_exit_14_naming_the_limit()
    {
        var name = await DeployProbeAsync();
        var onDemand = SiloFixture.UniqueName();
        var echo = fixture.Session.CreatePipeline(Node, onDemand, "OnDemandInput");
        echo.CreatePluginInstance("ECHO_01", "e1");
        await echo.DeployAsync();
        using var files = new Cli.ScratchFiles();
        var command = files.Write("command.txt", new string('c', 20_000_000));
        var input = files.Write("input.txt", new string('i', 50_000_000));

        var commanded = await Cli.R1ctl.RunAsync(fixture, "command", Node, name, $"@{command}", "--instance", "PROBE_01", "p1");
        var pushed = await Cli.R1ctl.RunAsync(fixture, "push", Node, onDemand, $"@{input}");

        Assert.Equal((14, 14), (commanded.ExitCode, pushed.ExitCode));
        Assert.Contains("1,000,000 bytes", commanded.Stderr);
        Assert.Contains("20,000,", commanded.Stderr);
        Assert.Contains("50,000,", pushed.Stderr);
    }

    [Fact]
    public async Task A_heartbeat_reports_the_nodes_traffic_and_its_limit_of_one_message()
    {
        var heartbeat = new TaskCompletionSource<Heartbeat>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (await fixture.Session.OnNodeHeartbeatAsync(Node, h =>
        {
            heartbeat.TrySetResult(h);
            return Task.CompletedTask;
        }))
        {
            var traffic = (await heartbeat.Task.WaitAsync(TimeSpan.FromSeconds(30))).Traffic;

            Assert.Equal(1_000_000, traffic.MaxMessageBytes);
            Assert.True(traffic.Published > 0);
        }
    }

    private async Task<string> DeployProbeAsync()
    {
        var name = SiloFixture.UniqueName();
        var pipeline = fixture.Session.CreatePipeline(Node, name, "Void");
        pipeline.CreatePluginInstance("PROBE_01", "p1");
        await pipeline.DeployAsync();
        return name;
    }
}
