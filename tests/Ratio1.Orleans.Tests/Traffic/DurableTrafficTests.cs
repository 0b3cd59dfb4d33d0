using System.Collections;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Configuration;
using Orleans.Serialization;
using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Contracts.Streams;
using Ratio1.Orleans.Testing;
using Ratio1.Orleans.Tests.Connection;
using Xunit.Abstractions;

namespace Ratio1.Orleans.Tests.Traffic;

/// <summary>
/// With <c>--traffic adonet</c> traffic is at least once end to end: what a node published (the provider accepted it into
/// PostgreSQL) and a subscribed client had not received yet when the node's silo was killed reaches that client after
/// the silo is started again, and the client's handlers see each message once, in order per instance.
/// </summary>
[Collection(SiloProcessCollection.Name)]
public sealed class DurableTrafficTests(ITestOutputHelper output)
{
    private const string Node = "edge-durable-crash";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Payloads_queued_when_the_silo_is_killed_reach_the_subscribed_client_after_the_restart_each_once_in_order()
    {
        await using var server = await PostgresServer.StartAsync();
        var database = await server.CreateDatabaseAsync();
        await using var silo = await SiloProcess.StartAsync(Node, ["--storage", "postgres", "--connection-string", database, "--apply-schema", "--traffic", "adonet"]);
        var options = silo.SessionOptions("durable-watcher");
        options.Traffic = TrafficProvider.AdoNet;
        options.TrafficConnectionString = database;
        await using var session = await Ratio1Session.ConnectAsync(options);
        var events = new ConnectionEvents(session);

        var received = new PayloadLog();
        var gate = new DeliveryGate();
        var pipeline = session.CreatePipeline(Node, "ticking", "Void");
        pipeline.CreatePluginInstance("ECHO_01", "e1", new Dictionary<string, object?> { ["ALLOW_EMPTY_INPUTS"] = true, ["PROCESS_DELAY"] = 0.05 });
        pipeline.CreatePluginInstance("ECHO_01", "e2", new Dictionary<string, object?> { ["ALLOW_EMPTY_INPUTS"] = true, ["PROCESS_DELAY"] = 0.05 });
        await using var subscription = await pipeline.OnDataAsync(async p =>
        {
            await received.Add(p);
            await gate.PassAsync();
        });
        await pipeline.DeployAsync();
        await received.AtLeastAsync(5, Patience, "payloads before the kill");

        // The client stops taking deliveries (its handler holds one): what the node publishes meanwhile stays queued,
        // part of it read by the silo into its cache, part of it not read yet.
        gate.Close();
        await UntilAsync(async () => (await QueuedPayloadsAsync(session, database)).Count >= 30, Patience, "thirty payloads queued behind the held one");
        silo.Kill();
        var queued = await QueuedPayloadsAsync(session, database);
        output.WriteLine($"At the kill: {queued.Count} payloads queued ({queued.Count(q => q.Hidden)} read by the silo, not confirmed); {received.Count} received.");
        gate.Open();

        var restarted = Stopwatch.StartNew();
        await silo.StartAgainAsync();
        await events.ReconnectedAsync(Patience);
        // Without the takeover the batches the dead silo had read would come back only after Orleans' visibility
        // timeout (1 min), after newer ones, and be skipped as older than what the client had: this would time out.
        var missing = queued.Select(q => q.Payload.Envelope.MessageId).ToHashSet();
        await UntilAsync(() =>
        {
            missing.ExceptWith(received.Payloads.Select(p => p.Envelope.MessageId));
            return Task.FromResult(missing.Count == 0);
        }, TimeSpan.FromSeconds(90), "every payload queued at the kill", () => $"{missing.Count} of {queued.Count} not received; log:\n{silo.Log}");
        output.WriteLine($"All {queued.Count} queued payloads received {restarted.Elapsed.TotalSeconds:0.0} s after the restart began; {received.Count} received in all; {session.RedeliveriesSkipped} redeliveries skipped.");

        Assert.Empty(received.Doubles);
        Assert.True(session.RedeliveriesSkipped >= 1, "the payload held by the handler at the kill was delivered again, and skipped");
        Assert.All(received.Payloads.GroupBy(p => p.Envelope.InstanceId), instance =>
        {
            var sequences = instance.Select(p => p.Envelope.Sequence).ToList();
            Assert.True(sequences.Zip(sequences.Skip(1)).All(pair => pair.First < pair.Second), $"instance {instance.Key} out of order: {string.Join(", ", sequences)}");
        });
    }

    /// <summary>The payloads in the node's stream queue now, decoded, and whether a silo holds each (read, not confirmed).</summary>
    private static async Task<List<(Payload Payload, bool Hidden)>> QueuedPayloadsAsync(Ratio1Session session, string database)
    {
        // The rows hold the provider's own batch container (internal to Orleans): read back with its serializer.
        var containerType = typeof(AdoNetStreamOptions).Assembly.GetType("Orleans.Streaming.AdoNet.AdoNetBatchContainer", throwOnError: true)!;
        var serializer = session.Client.ServiceProvider.GetRequiredService(typeof(Serializer<>).MakeGenericType(containerType));
        var deserialize = serializer.GetType().GetMethod(nameof(Serializer<object>.Deserialize), [typeof(byte[])])!;
        var events = containerType.GetProperty("Events")!;

        var queued = new List<(Payload, bool)>();
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT payload, visible_on > now() FROM stream_message ORDER BY message_id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var container = deserialize.Invoke(serializer, [reader.GetFieldValue<byte[]>(0)]);
            foreach (var payload in ((IEnumerable)events.GetValue(container)!).OfType<Payload>())
            {
                queued.Add((payload, reader.GetBoolean(1)));
            }
        }

        return queued;
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, Func<string>? detail = null)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {timeout.TotalSeconds} s waiting for {what}. {detail?.Invoke()}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Lets a handler through, or holds it (one at a time) until opened again.</summary>
    private sealed class DeliveryGate
    {
        private volatile TaskCompletionSource _open = Opened();

        public void Close() => _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Open() => _open.TrySetResult();

        public Task PassAsync() => _open.Task;

        private static TaskCompletionSource Opened()
        {
            var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            open.SetResult();
            return open;
        }
    }
}
