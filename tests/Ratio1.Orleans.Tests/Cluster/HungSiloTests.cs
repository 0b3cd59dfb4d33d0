using System.Collections.Concurrent;
using System.Globalization;
using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Contracts.Nodes;
using Ratio1.Orleans.Testing;
using Ratio1.Orleans.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Ratio1.Orleans.Tests.Cluster;

/// <summary>
/// A hung silo (<c>SIGSTOP</c>, as a deadlock or a frozen VM) is declared dead by the others; when it wakes up it learns
/// so and stops itself, its supervisor starts it again, and its node comes back with its pipelines.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class HungSiloTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private const string Frozen = "hs-frozen";

    [Fact]
    public async Task A_node_whose_silo_hangs_shows_lost_then_online_and_its_pipeline_traffic_resumes_after_a_gap_without_duplicates()
    {
        await using var cluster = await SiloCluster.StartAsync(await postgres.Server.CreateDatabaseAsync(), ["hs-hub", Frozen, "hs-third"]);
        var silo = cluster[Frozen];
        await using var session = await cluster.ConnectAsync("hung-watcher", cluster["hs-hub"], cluster["hs-third"]);
        var received = new ConcurrentQueue<(DateTimeOffset At, Payload Payload)>();
        await using var _ = await session.OnPipelinePayloadAsync(Frozen, "ticker", p =>
        {
            received.Enqueue((DateTimeOffset.UtcNow, p));
            return Task.CompletedTask;
        });
        var ticker = session.CreatePipeline(Frozen, "ticker", "Void");
        ticker.CreatePluginInstance("ECHO_01", "tick", new Dictionary<string, object?> { ["ALLOW_EMPTY_INPUTS"] = true, ["PROCESS_DELAY"] = 0.2, ["MESSAGE"] = "tick" });
        await ticker.DeployAsync(new DeployOptions { Timeout = TimeSpan.FromSeconds(45) });
        await Until(() => Task.FromResult(received.Count >= 3), TimeSpan.FromSeconds(30), "the ticker's first payloads");

        var pausedAt = DateTimeOffset.UtcNow;
        silo.Pause();
        await Until(async () => await StatusAsync(session) == NodeStatus.Lost, TimeSpan.FromSeconds(90), "the node to show LOST");
        var lostAfter = DateTimeOffset.UtcNow - pausedAt;
        var resumedAt = DateTimeOffset.UtcNow;
        silo.Resume();
        await silo.WaitForRestartAsync(1, TimeSpan.FromSeconds(120));
        var restartedAfter = silo.Restarts[0] - resumedAt;
        await Until(async () => await StatusAsync(session) == NodeStatus.Online, TimeSpan.FromSeconds(60), "the node to show ONLINE again");
        var onlineAfter = DateTimeOffset.UtcNow - resumedAt;
        await Until(() => Task.FromResult(received.Count(r => r.At > silo.Restarts[0]) >= 3), TimeSpan.FromSeconds(60), "the ticker's payloads after the restart");
        var trafficAfter = received.First(r => r.At > silo.Restarts[0]).At - resumedAt;

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"SIGSTOP -> LOST {lostAfter.TotalSeconds:F1} s; SIGCONT -> restarted by the supervisor {restartedAfter.TotalSeconds:F1} s, -> ONLINE {onlineAfter.TotalSeconds:F1} s, -> traffic again {trafficAfter.TotalSeconds:F1} s"));
        var all = received.ToList();
        var gap = all.Zip(all.Skip(1), (a, b) => b.At - a.At).Max();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{all.Count} payloads, longest gap {gap.TotalSeconds:F1} s"));
        // The gap is in what the node produced: nothing is made while its silo is frozen. (What it made just before
        // the freeze may still be on its way through another silo's queue, and arrive during it.)
        Assert.DoesNotContain(all, r => r.Payload.Envelope.Timestamp > pausedAt + TimeSpan.FromSeconds(1) && r.Payload.Envelope.Timestamp < resumedAt);
        Assert.Contains(all, r => r.At < pausedAt);
        Assert.Equal(all.Count, all.Select(r => r.Payload.Envelope.MessageId).Distinct().Count());
        Assert.Equal(all.Count, all.Select(r => (r.Payload.Envelope.InstanceId, r.Payload.Envelope.Sequence)).Distinct().Count());
    }

    // The node's status as a client sees it; a call that does not answer in time (its grain was on the frozen silo) is no answer.
    private static async Task<NodeStatus?> StatusAsync(Ratio1Session session)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            return (await session.GetNodeAsync(Frozen, timeout.Token)).Status;
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            return null;
        }
    }

    private static async Task Until(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds} s waiting for {what}.");
            }

            await Task.Delay(200);
        }
    }
}
