using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Ratio1.Orleans.Client;
using Ratio1.Orleans.Testing;

namespace Ratio1.Orleans.Bench.Scenarios;

/// <summary>
/// How long a node takes to run all its pipelines again after its silo restarts (a crash, <c>kill -9</c>, then the
/// supervisor's start): two silo processes on a private PostgreSQL, a client on the other silo's gateway watching every
/// payload of the node; the node has <c>pipelines</c> pipelines of <c>instances</c> ECHO_01 instances, each sending a
/// payload every 2 s from its first run. Measured from the process start: <c>/health</c> serving, the node ONLINE
/// again (its new silo registered) and the first payload of every instance. The baseline is the same restart of the
/// same node with no pipelines (to ONLINE). Goal (issue 17): all running within 10 s.
/// </summary>
public static class ResumeScenario
{
    private const string Node = "bench-resume";

    public static async Task RunAsync(TextWriter output, int pipelines, int instances, int rounds)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"resume benchmark: restart (kill -9, start) of a node's silo with {pipelines} pipelines x {instances} ECHO_01 instances, {rounds} rounds, vs the same restart with none; 2 silos on a private PostgreSQL; {Environment.ProcessorCount} cores, {DateTime.UtcNow:u}"));
        await using var server = await PostgresServer.StartAsync(durable: true);
        await using var cluster = await SiloCluster.StartAsync(await server.CreateDatabaseAsync("resume"), ["bench-hub", Node]);
        var silo = cluster[Node];
        await using var session = await cluster.ConnectAsync("resume-bench", cluster["bench-hub"]);
        var firstPayloads = new ConcurrentDictionary<(string?, string?), DateTimeOffset>();
        var since = new StrongBox<long>(long.MaxValue);
        await using var _ = await session.OnNodePayloadAsync(Node, p =>
        {
            if (p.Envelope.Timestamp.UtcTicks >= Interlocked.Read(ref since.Value))
            {
                firstPayloads.TryAdd((p.Envelope.Pipeline, p.Envelope.InstanceId), DateTimeOffset.UtcNow);
            }

            return Task.CompletedTask;
        });

        output.WriteLine($"{"round",5} {"pipelines",9} {"health s",9} {"online s",9} {"all running s",14} {"instances seen",15}");
        var baseline = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            var (health, online, _, _) = await RestartAsync(session, silo, firstPayloads, value => Interlocked.Exchange(ref since.Value, value.UtcTicks), expected: 0);
            baseline.Add(online.TotalSeconds);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{round,5} {0,9} {health.TotalSeconds,9:F2} {online.TotalSeconds,9:F2} {"-",14} {"-",15}"));
        }

        var deployed = Stopwatch.StartNew();
        await DeployAsync(session, pipelines, instances);
        Interlocked.Exchange(ref since.Value, DateTimeOffset.UtcNow.UtcTicks);
        await WaitForInstancesAsync(firstPayloads, pipelines * instances, TimeSpan.FromMinutes(5));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"deployed {pipelines} x {instances} and saw every instance's payload in {deployed.Elapsed.TotalSeconds:F1} s"));

        var resumed = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            var (health, online, all, seen) = await RestartAsync(session, silo, firstPayloads, value => Interlocked.Exchange(ref since.Value, value.UtcTicks), expected: pipelines * instances);
            resumed.Add(all.TotalSeconds);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{round,5} {pipelines,9} {health.TotalSeconds,9:F2} {online.TotalSeconds,9:F2} {all.TotalSeconds,14:F2} {seen,15}"));
        }

        var median = resumed.Order().ToList()[resumed.Count / 2];
        var start = baseline.Order().ToList()[baseline.Count / 2];
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"restart -> all {pipelines * instances} instances running: median {median:F2} s, max {resumed.Max():F2} s: {(resumed.Max() <= 10 ? "goal met" : "goal missed")} (<= 10 s); " +
            $"{median / start:F2}x the same restart with no pipelines ({start:F2} s to ONLINE)"));
    }

    // Kills the node's silo, starts it again and times it from the process start.
    private static async Task<(TimeSpan Health, TimeSpan Online, TimeSpan AllRunning, int Seen)> RestartAsync(
        Ratio1Session session, SiloProcess silo, ConcurrentDictionary<(string?, string?), DateTimeOffset> firstPayloads, Action<DateTimeOffset> watchSince, int expected)
    {
        var before = (await session.GetNodeAsync(Node)).SiloAddress;
        silo.Kill();
        firstPayloads.Clear();
        var started = DateTimeOffset.UtcNow;
        watchSince(started);
        var clock = Stopwatch.StartNew();
        await silo.StartAgainAsync();
        var health = clock.Elapsed;
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromMinutes(2);
        while (await OnlineAgainAsync(session, before) is false)
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"{Node} did not show ONLINE on its new silo within 2 minutes.");
            }

            await Task.Delay(50);
        }

        var online = clock.Elapsed;
        if (expected == 0)
        {
            return (health, online, TimeSpan.Zero, 0);
        }

        await WaitForInstancesAsync(firstPayloads, expected, TimeSpan.FromMinutes(2));
        return (health, online, firstPayloads.Values.Max() - started, firstPayloads.Count);
    }

    private static async Task<bool> OnlineAgainAsync(Ratio1Session session, string? before)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            var node = await session.GetNodeAsync(Node, timeout.Token);
            return node.IsOnline && node.SiloAddress != before;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return false;
        }
    }

    private static async Task WaitForInstancesAsync(ConcurrentDictionary<(string?, string?), DateTimeOffset> firstPayloads, int expected, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (firstPayloads.Count < expected)
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Only {firstPayloads.Count} of {expected} instances sent a payload within {timeout.TotalSeconds} s.");
            }

            await Task.Delay(50);
        }
    }

    private static async Task DeployAsync(Ratio1Session session, int pipelines, int instances)
    {
        // A few at a time, as a fleet tool would; each pipeline is one stored version.
        using var gate = new SemaphoreSlim(8);
        await Task.WhenAll(Enumerable.Range(0, pipelines).Select(async p =>
        {
            await gate.WaitAsync();
            try
            {
                var pipeline = session.CreatePipeline(Node, $"resume-{p:D3}", "Void");
                for (var i = 0; i < instances; i++)
                {
                    pipeline.CreatePluginInstance("ECHO_01", $"i{i:D2}", new Dictionary<string, object?> { ["ALLOW_EMPTY_INPUTS"] = true, ["PROCESS_DELAY"] = 2, ["MESSAGE"] = "resume" });
                }

                await pipeline.DeployAsync(DeployOptions.NoConfirmation);
            }
            finally
            {
                gate.Release();
            }
        }));
    }
}
