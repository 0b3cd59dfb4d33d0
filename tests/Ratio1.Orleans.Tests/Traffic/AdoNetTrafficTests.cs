using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Contracts.Streams;
using Ratio1.Orleans.Tests.Cli;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Traffic;

/// <summary>A node whose traffic goes through Orleans' ADO.NET streams on PostgreSQL (our stream schema), to external clients.</summary>
[Collection(AdoNetTrafficCollection.Name)]
public sealed class AdoNetTrafficTests(AdoNetTrafficFixture fixture) : IAsyncLifetime
{
    private const string Node = AdoNetTrafficFixture.NodeId;
    private readonly EchoPipelines _pipelines = new(fixture.Session, Node);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _pipelines.DisposeAsync().AsTask();

    [Fact]
    public async Task An_external_client_receives_the_payloads_and_notifications_of_a_pipeline_through_the_database()
    {
        var queuedBefore = await QueuedEverAsync();
        var name = SiloFixture.UniqueName();
        await using var traffic = await TrafficRecorder.StartAsync(fixture.Session, Node, name);

        var pipeline = fixture.Session.CreatePipeline(Node, name, "Void");
        pipeline.CreatePluginInstance("ECHO_01", "e1", new Dictionary<string, object?> { ["ALLOW_EMPTY_INPUTS"] = true, ["PROCESS_DELAY"] = 0.1 });
        await pipeline.DeployAsync();
        await traffic.WaitUntilAsync(t => t.Payloads.Count >= 3, TimeSpan.FromSeconds(20), "three payloads");
        await fixture.Session.DeletePipelineAsync(Node, name);

        Assert.Contains(traffic.Notifications, n => n.Code == NotificationCode.PluginConfigOk && n.Envelope.InstanceId == "e1");
        Assert.All(traffic.Payloads, p => Assert.Equal(("ECHO_01", "e1", "echo"), (p.Envelope.Signature, p.Envelope.InstanceId, p.Data["MESSAGE"].AsString())));
        Assert.True(await QueuedEverAsync() - queuedBefore >= 4, "the payloads and notifications were queued in stream_message");
    }

    [Fact]
    public async Task Delivered_traffic_is_confirmed_and_does_not_stay_queued()
    {
        var started = (DateTime)(await fixture.ScalarAsync("SELECT now()"))!;
        var name = await _pipelines.DeployTickingAsync();
        await using var traffic = await TrafficRecorder.StartAsync(fixture.Session, Node, name);

        await traffic.WaitUntilAsync(t => t.Payloads.Count >= 20, TimeSpan.FromSeconds(20), "twenty payloads");

        // A confirmation whose dequeue receipt did not match would leave its message queued (hidden, then redelivered).
        var since = $"created_on >= '{started:O}'::timestamptz";
        Assert.Equal(0L, await fixture.ScalarAsync($"SELECT count(*) FROM stream_message WHERE {since} AND created_on < now() - interval '2 seconds'"));
        Assert.Equal(0L, await fixture.ScalarAsync($"SELECT count(*) FROM stream_message WHERE {since} AND dequeued > 1"));
    }

    [Fact]
    public async Task A_message_a_client_publishes_is_queued_in_the_database_and_reaches_subscribers()
    {
        var probeNode = $"client-probe-{Guid.NewGuid():N}";
        var received = new TaskCompletionSource<Notification>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var subscription = await fixture.Session.OnNodeNotificationAsync(probeNode, n =>
        {
            received.TrySetResult(n);
            return Task.CompletedTask;
        });
        var queuedBefore = await QueuedEverAsync();
        var sent = new Notification(new MessageEnvelope(probeNode, null, null, null, 1, DateTimeOffset.UtcNow, Guid.NewGuid()),
            NotificationType.Normal, NotificationCode.PipelineOk, "from a client");

        await fixture.Session.Client.GetStreamProvider(TrafficStreams.ProviderName).GetStream<Notification>(TrafficStreams.Notifications(probeNode)).OnNextAsync(sent);

        Assert.Equal(sent.Envelope.MessageId, (await received.Task.WaitAsync(TimeSpan.FromSeconds(15))).Envelope.MessageId);
        Assert.True(await QueuedEverAsync() > queuedBefore, "the client queued its message in stream_message");
    }

    [Fact]
    public async Task R1ctl_watch_connects_with_adonet_traffic_and_prints_the_payloads_of_a_pipeline()
    {
        var name = await _pipelines.DeployTickingAsync();

        var result = await R1ctl.RunAsync(fixture.Silo.GatewayPort, "watch", Node, name, "--count", "3", "--payloads",
            "--traffic", "adonet", "--traffic-connection-string", fixture.ConnectionString);

        Assert.True(result.ExitCode == 0, result.ToString());
        var printed = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(line => line.Contains($"PAYLOAD {Node}/{name}/", StringComparison.Ordinal));
        Assert.True(printed == 3, $"{printed} payloads printed\n{result}");
    }

    private async Task<long> QueuedEverAsync() =>
        (long?)await fixture.ScalarAsync("SELECT pg_sequence_last_value(pg_get_serial_sequence('stream_message', 'message_id'))") ?? 0;
}
