using System.Collections.Concurrent;
using System.Text.Json;
using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Contracts.Streams;
using Ratio1.Orleans.Testing;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Traffic;

/// <summary>
/// A node cut off from its stream provider (ADO.NET traffic, PostgreSQL down) longer than its backlog lasts: it keeps
/// the newest messages that fit <c>Traffic:BacklogMiB</c>, drops the oldest, and says how many once it is back.
/// </summary>
public sealed class TrafficCutOffTests
{
    [Fact]
    public async Task A_cut_off_node_keeps_its_newest_payloads_within_the_bound_and_reports_the_oldest_it_dropped()
    {
        await using var server = await PostgresServer.StartAsync(durable: true);
        var connectionString = await server.CreateDatabaseAsync();
        await using var silo = await TestSilo.StartAsync("edge-cut-off", extraArgs:
        [
            "--storage", "postgres", "--connection-string", connectionString, "--apply-schema", "--traffic", "adonet",
            "--Traffic:BacklogMiB", "1", "--Traffic:MaxMessageBytes", "65536", "--Node:SecondsHeartbeat", "1",
        ]);
        var options = silo.SessionOptions("cut-off-client");
        options.Traffic = TrafficProvider.AdoNet;
        options.TrafficConnectionString = connectionString;
        await using var session = await Ratio1Session.ConnectAsync(options);
        await using var traffic = await TrafficRecorder.StartAsync(session, silo.NodeId, "flood");
        var losses = new ConcurrentQueue<Notification>();
        var heartbeats = new ConcurrentQueue<Heartbeat>();
        await using var notifications = await session.OnNodeNotificationAsync(silo.NodeId, n =>
        {
            if (n.Code == NotificationCode.CommsFailed)
            {
                losses.Enqueue(n);
            }

            return Task.CompletedTask;
        });
        await using var beats = await session.OnNodeHeartbeatAsync(silo.NodeId, h =>
        {
            heartbeats.Enqueue(h);
            return Task.CompletedTask;
        });
        // About 50 payloads a second of about 1.3 KB each, where a payload lane holds a sixth of 1 MiB (about 110).
        await session.DeployPipelineJsonAsync(silo.NodeId, $$"""
            {"NAME":"flood","TYPE":"Void","PLUGINS":[{"SIGNATURE":"ECHO_01","INSTANCES":[
              {"INSTANCE_ID":"e1","ALLOW_EMPTY_INPUTS":true,"PROCESS_DELAY":0.02,"PLUGIN_LOOP_RESOLUTION":100,"MESSAGE":"{{new string('x', 1000)}}"}]}]}
            """);
        await traffic.WaitUntilAsync(t => t.Payloads.Count >= 10, TimeSpan.FromSeconds(30), "payloads before the outage");

        await server.KillAsync();
        await Task.Delay(TimeSpan.FromSeconds(8));
        await server.StartServerAsync();
        await WaitAsync(() => !losses.IsEmpty, () => $"the loss notification ({Describe(silo, traffic, heartbeats)})");
        var loss = losses.Single();
        var dropped = JsonDocument.Parse(loss.Info!).RootElement.GetProperty("BACKLOG_FULL").GetInt64();
        await traffic.WaitUntilAsync(t => t.Payloads.Any(p => p.Envelope.Timestamp > loss.Envelope.Timestamp), TimeSpan.FromSeconds(30), "payloads after the outage");
        await WaitAsync(() => heartbeats.Any(h => h.Traffic.DroppedBacklogFull >= dropped), () => $"a heartbeat counting {dropped} lost ({Describe(silo, traffic, heartbeats)})");

        var counts = traffic.Payloads.Select(p => (long)p.Data["COUNT"].AsDouble()).Distinct().ToList();
        var missing = Enumerable.Range((int)counts[0], (int)(counts[^1] - counts[0]) + 1).Select(c => (long)c).Except(counts).ToList();
        var gaps = string.Join(", ", missing.Select((c, i) => (c, i)).GroupBy(x => x.c - x.i).Select(g => $"{g.First().c}..{g.Last().c}"));
        Assert.Equal(counts.Order(), counts);
        Assert.NotEmpty(missing);
        Assert.True(missing.Count == missing[^1] - missing[0] + 1, $"one run of the oldest is missing, not {gaps} (received {counts[0]}..{counts[^1]}); loss {loss.Info}; skipped {session.RedeliveriesSkipped}; {Describe(silo, traffic, heartbeats)}; losses {losses.Count}");
        // Every payload missing is accounted for (a heartbeat or notification waiting in the same outage may be too).
        Assert.True(missing.Count <= dropped, $"{missing.Count} missing ({gaps}), {dropped} reported dropped");
        Assert.Equal(NotificationType.AbnormalFunctioning, loss.Type);
        Assert.Contains($"lost {dropped} message(s)", loss.Message);
    }

    private static string Describe(TestSilo silo, TrafficRecorder traffic, ConcurrentQueue<Heartbeat> heartbeats)
    {
        var publisher = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Edge.Traffic.TrafficPublisher>(silo.Services);
        return $"cut off {publisher.CutOff}, stats {publisher.Stats()}, payloads {traffic.Payloads.Count}, heartbeats {heartbeats.Count}";
    }

    private static async Task WaitAsync(Func<bool> condition, Func<string> what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what()}.");
            await Task.Delay(50);
        }
    }
}
