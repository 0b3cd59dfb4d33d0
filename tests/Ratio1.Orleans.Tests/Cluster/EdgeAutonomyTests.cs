using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Contracts.Pipelines;
using Ratio1.Orleans.Contracts.Streams;
using Ratio1.Orleans.Testing;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Cluster;

/// <summary>
/// A node whose silo loses PostgreSQL (its storage and, with ADO.NET traffic, its stream provider) keeps running what it
/// last applied; changes for it fail with the storage error and change nothing; when the database returns the node
/// converges without a restart of its silo.
/// </summary>
public sealed class EdgeAutonomyTests
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(20);

    private const string Ticking = """{"NAME":"tick","TYPE":"Void","PLUGINS":[{"SIGNATURE":"ECHO_01","INSTANCES":[{"INSTANCE_ID":"e1","ALLOW_EMPTY_INPUTS":true,"PROCESS_DELAY":0.2}]}]}""";

    private const string Fresh = """{"NAME":"fresh","TYPE":"Void","PLUGINS":[{"SIGNATURE":"ECHO_01","INSTANCES":[{"INSTANCE_ID":"e1","PROCESS_DELAY":1}]}]}""";

    [Fact]
    public async Task With_durable_traffic_payloads_produced_while_PostgreSQL_is_down_arrive_in_order_once_it_is_back()
    {
        await using var server = await PostgresServer.StartAsync(durable: true);
        var connectionString = await server.CreateDatabaseAsync();
        await using var silo = await TestSilo.StartAsync("edge-autonomy", extraArgs: ["--storage", "postgres", "--connection-string", connectionString, "--apply-schema", "--traffic", "adonet"]);
        var options = silo.SessionOptions("autonomy-client");
        options.Traffic = TrafficProvider.AdoNet;
        options.TrafficConnectionString = connectionString;
        await using var session = await Ratio1Session.ConnectAsync(options);
        await using var traffic = await TrafficRecorder.StartAsync(session, silo.NodeId, "tick");
        await session.DeployPipelineJsonAsync(silo.NodeId, Ticking);
        await traffic.WaitUntilAsync(t => t.Payloads.Count >= 3, TimeSpan.FromSeconds(30), "payloads before the outage");

        await server.KillAsync();
        var down = DateTimeOffset.UtcNow;
        var update = await Record.ExceptionAsync(() => UpdateDelayAsync(session, silo.NodeId, 0.1));
        var create = await Record.ExceptionAsync(() => session.DeployPipelineJsonAsync(silo.NodeId, Fresh));
        await Task.Delay(Outage - (DateTimeOffset.UtcNow - down));
        var up = DateTimeOffset.UtcNow;
        await server.StartServerAsync();
        await traffic.WaitUntilAsync(t => t.Payloads.Any(p => p.Envelope.Timestamp > up), TimeSpan.FromSeconds(60), "payloads after the outage");
        var delivered = traffic.Payloads;
        var outcome = await UntilStorageIsBackAsync(() => UpdateDelayAsync(session, silo.NodeId, 0.1));
        await traffic.WaitUntilAsync(t => t.Notifications.Any(n => n.Code == NotificationCode.PluginConfigOk && n.PipelineVersion == 2), TimeSpan.FromSeconds(30), "the instance confirming version 2");

        Assert.IsType<StorageUnavailableException>(update);
        Assert.IsType<StorageUnavailableException>(create);
        var counts = delivered.Select(p => p.Data["COUNT"].AsDouble()).Distinct().ToList();
        Assert.Equal(counts.Order(), counts);
        Assert.Equal(counts.Count, (int)(counts[^1] - counts[0]) + 1);
        Assert.True(delivered.Count(p => p.Envelope.Timestamp > down && p.Envelope.Timestamp < up) >= 10, "the pipeline kept producing while the database was down");
        Assert.Equal(2, outcome.Version);
        Assert.Equal([2, 1], (await session.GetPipelineHistoryAsync(silo.NodeId, "tick")).Select(h => h.Version));
        Assert.IsType<PipelineNotFoundException>(await UntilStorageIsBackAsync(() => Record.ExceptionAsync(() => session.GetPipelineAsync(silo.NodeId, "fresh")), rethrow: true));
        Assert.Equal(new Dictionary<string, int> { ["tick"] = 2 }, silo.Runtime.RunningPipelines);
    }

    [Fact]
    public async Task With_memory_traffic_a_watching_client_keeps_receiving_while_PostgreSQL_is_down_and_deploys_work_once_it_is_back()
    {
        await using var server = await PostgresServer.StartAsync(durable: true);
        var connectionString = await server.CreateDatabaseAsync();
        await using var silo = await TestSilo.StartAsync("edge-autonomy", extraArgs: ["--storage", "postgres", "--connection-string", connectionString, "--apply-schema"]);
        await using var session = await silo.ConnectAsync();
        await using var traffic = await TrafficRecorder.StartAsync(session, silo.NodeId, "tick");
        await session.DeployPipelineJsonAsync(silo.NodeId, Ticking);
        await traffic.WaitUntilAsync(t => t.Payloads.Count >= 3, TimeSpan.FromSeconds(30), "payloads before the outage");

        await server.KillAsync();
        var down = DateTimeOffset.UtcNow;
        var update = await Record.ExceptionAsync(() => UpdateDelayAsync(session, silo.NodeId, 0.1));
        await traffic.WaitUntilAsync(t => t.Payloads.Count(p => p.Envelope.Timestamp > down) >= 10, Outage, "payloads while the database is down");
        var receivedWhileDown = traffic.Payloads.Count(p => p.Envelope.Timestamp > down);
        await server.StartServerAsync();
        var outcome = await UntilStorageIsBackAsync(() => UpdateDelayAsync(session, silo.NodeId, 0.1));
        await traffic.WaitUntilAsync(t => t.Notifications.Any(n => n.Code == NotificationCode.PluginConfigOk && n.PipelineVersion == 2), TimeSpan.FromSeconds(30), "the instance confirming version 2");

        Assert.IsType<StorageUnavailableException>(update);
        Assert.True(receivedWhileDown >= 10);
        Assert.Equal(2, outcome.Version);
        Assert.Equal([2, 1], (await session.GetPipelineHistoryAsync(silo.NodeId, "tick")).Select(h => h.Version));
        Assert.Equal(new Dictionary<string, int> { ["tick"] = 2 }, silo.Runtime.RunningPipelines);
    }

    private static Task<DeployOutcome> UpdateDelayAsync(Ratio1Session session, string node, double delay) =>
        session.UpdateInstanceAsync(node, "tick", "ECHO_01", "e1", new Dictionary<string, object?> { ["PROCESS_DELAY"] = delay });

    // Pooled connections broken by the outage fail once each, and a grain whose activation failed refuses calls for a
    // few seconds, before storage answers again.
    private static async Task<T> UntilStorageIsBackAsync<T>(Func<Task<T>> action, bool rethrow = false)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                var result = await action();
                if (rethrow && result is StorageUnavailableException unavailable)
                {
                    throw unavailable;
                }

                return result;
            }
            catch (StorageUnavailableException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }
    }
}
