using System.Collections.Concurrent;
using System.Globalization;
using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Contracts.Streams;
using Ratio1.Orleans.Testing;
using Xunit.Abstractions;

namespace Ratio1.Orleans.Tests.Cluster;

/// <summary>
/// A fleet under churn for <c>R1_CHURN_MINUTES</c>: three supervised silos on one private PostgreSQL with durable
/// traffic, random <c>kill -9</c>s, freezes (<c>SIGSTOP</c>) and database restarts, while a client deploys to a pipeline
/// of each node in a loop and watches a ticking pipeline of each node. At the end every acknowledged deploy is in its
/// history, whole, and every instance's payloads reached the client once each, in order, and flow again.
/// </summary>
public sealed class ChurnSoakTests(ITestOutputHelper output)
{
    private static readonly string[] Nodes = ["churn-1", "churn-2", "churn-3"];

    [ChurnFact]
    public async Task Under_an_hour_of_crashes_freezes_and_database_restarts_no_acknowledged_change_or_message_is_lost()
    {
        var duration = TimeSpan.FromMinutes(ChurnFactAttribute.Minutes!.Value);
        await using var database = await PostgresServer.StartAsync(durable: true);
        var connectionString = await database.CreateDatabaseAsync();
        await using var cluster = await SiloCluster.StartAsync(connectionString, Nodes, ["--traffic", "adonet"]);
        var options = cluster.SessionOptions("churn-client");
        options.Traffic = TrafficProvider.AdoNet;
        options.TrafficConnectionString = connectionString;
        options.ResponseTimeout = TimeSpan.FromSeconds(15);
        await using var session = await Ratio1Session.ConnectAsync(options);

        var received = new ConcurrentDictionary<string, List<long>>();
        var subscriptions = new List<IAsyncDisposable>();
        var loops = new List<(string Node, DeployLoop Loop)>();
        foreach (var node in Nodes)
        {
            var ticking = session.CreatePipeline(node, "tick", "Void");
            ticking.CreatePluginInstance("ECHO_01", "e1", new Dictionary<string, object?> { ["ALLOW_EMPTY_INPUTS"] = true, ["PROCESS_DELAY"] = 0.2 });
            await ticking.DeployAsync(DeployOptions.NoConfirmation);
            subscriptions.Add(await session.OnPipelinePayloadAsync(node, "tick", p => Record(received, p)));
            var target = session.CreatePipeline(node, "churn", "Void");
            target.CreatePluginInstance("ECHO_01", "e1", new Dictionary<string, object?> { ["PROCESS_DELAY"] = 1 });
            await target.DeployAsync(DeployOptions.NoConfirmation);
            loops.Add((node, DeployLoop.Start(session, node, "churn", callTimeout: TimeSpan.FromSeconds(20), pause: TimeSpan.FromMilliseconds(250), maxInFlight: 4)));
        }

        var random = new Random(17);
        var faults = new List<string>();
        var until = DateTimeOffset.UtcNow + duration;
        while (DateTimeOffset.UtcNow < until)
        {
            await Task.Delay(TimeSpan.FromSeconds(random.Next(15, 40)));
            var silo = cluster.Silos[random.Next(cluster.Silos.Count)];
            var pause = TimeSpan.FromSeconds(random.Next(3, 20));
            switch (random.Next(3))
            {
                case 0 when !silo.HasExited:
                    faults.Add(Log($"kill -9 {silo.NodeId}, restarted after {pause.TotalSeconds} s"));
                    silo.Kill();
                    await Task.Delay(pause);
                    await silo.StartAgainAsync();
                    break;
                case 1 when !silo.HasExited:
                    faults.Add(Log($"SIGSTOP {silo.NodeId} for {pause.TotalSeconds} s"));
                    silo.Pause();
                    await Task.Delay(pause);
                    silo.Resume();
                    break;
                default:
                    faults.Add(Log($"PostgreSQL stopped for {pause.TotalSeconds} s"));
                    await database.KillAsync();
                    await Task.Delay(pause);
                    await database.StartServerAsync();
                    break;
            }
        }

        // Settle: every node back and deployable, then every watched pipeline producing again.
        var settled = DateTimeOffset.UtcNow;
        foreach (var (node, loop) in loops)
        {
            await session.WaitForNodeAsync(node, TimeSpan.FromMinutes(2));
            await loop.WaitForSuccessesAfterAsync(settled, 3, TimeSpan.FromMinutes(2));
        }

        var counts = Nodes.ToDictionary(n => n, n => received.Where(r => r.Key.StartsWith(n + "/", StringComparison.Ordinal)).Sum(r => r.Value.Count));
        await WaitUntilAsync(() => Nodes.All(n => received.Where(r => r.Key.StartsWith(n + "/", StringComparison.Ordinal)).Sum(r => r.Value.Count) > counts[n] + 5), TimeSpan.FromMinutes(2));
        foreach (var (node, loop) in loops)
        {
            await loop.StopAsync();
            var attempts = loop.Attempts;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{node}: {attempts.Count(a => a.Succeeded)} of {attempts.Count} deploys acknowledged"));
            await AcknowledgedDeploys.AssertInHistoryAsync(session, node, "churn", attempts);
            await loop.DisposeAsync();
        }

        foreach (var subscription in subscriptions)
        {
            await subscription.DisposeAsync();
        }

        output.WriteLine($"{faults.Count} faults in {duration.TotalMinutes} min; {received.Values.Sum(v => v.Count)} payloads received; {session.RedeliveriesSkipped} redeliveries skipped");
        foreach (var (path, sequences) in received)
        {
            lock (sequences)
            {
                Assert.True(sequences.Zip(sequences.Skip(1)).All(p => p.First < p.Second), $"{path}: payloads twice or out of order");
            }
        }
    }

    private static Task Record(ConcurrentDictionary<string, List<long>> received, Payload payload)
    {
        var envelope = payload.Envelope;
        var sequences = received.GetOrAdd($"{envelope.NodeId}/{envelope.Pipeline}/{envelope.Signature}/{envelope.InstanceId}", _ => []);
        lock (sequences)
        {
            sequences.Add(envelope.Sequence);
        }

        return Task.CompletedTask;
    }

    private string Log(string fault)
    {
        output.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss} {fault}");
        return fault;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "traffic did not flow again from every node after the churn");
            await Task.Delay(200);
        }
    }
}
