using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Ratio1.Orleans.Bench.Measurement;
using Ratio1.Orleans.Bench.Probes;
using Ratio1.Orleans.Contracts;
using Ratio1.Orleans.Contracts.Nodes;
using Ratio1.Orleans.Edge.Heartbeats;
using Ratio1.Orleans.Testing;
using Ratio1.Orleans.Edge.Traffic;

namespace Ratio1.Orleans.Bench.Scenarios;

/// <summary>
/// Issue #3's fleet target: the cost of heartbeats from many nodes. Simulated nodes are registered like real ones, then
/// each sends a heartbeat through the node's own code (<see cref="HeartbeatSender"/>: the message on the node's
/// heartbeat stream, its presence to its node grain). One round is one heartbeat from every node, i.e. what the fleet
/// sends every <c>SecondsHeartbeat</c>. The baseline, alternating with it, is a bare call to an active grain per
/// node. Reported: CPU time per heartbeat, its ratio to the baseline's, and the share of one core the fleet needs.
/// </summary>
public static class HeartbeatScenario
{
    private const int InFlight = 64;
    private const int SecondsHeartbeat = 10;

    private sealed record Round((TimeSpan Wall, TimeSpan Cpu) Baseline, (TimeSpan Wall, TimeSpan Cpu) Heartbeats, TimeSpan NetworkMap, int Online);

    /// <param name="watch">Also deliver every heartbeat to one external client watching the whole fleet (a dashboard).</param>
    public static async Task RunAsync(TextWriter output, int nodes, int rounds, bool watch)
    {
        output.WriteLine($"heartbeat benchmark: {nodes} simulated nodes, one heartbeat each per round{(watch ? ", delivered to one client watching the fleet" : string.Empty)}, vs one bare grain call each; {rounds} rounds after a warm-up round; {Environment.ProcessorCount} cores, {DateTime.UtcNow:u}");
        await using var silo = await TestSilo.StartAsync("bench-node");
        var grains = silo.Services.GetRequiredService<IGrainFactory>();
        var sender = silo.Services.GetRequiredService<HeartbeatSender>();
        var traffic = silo.Services.GetRequiredService<TrafficPublisher>();
        var siloAddress = silo.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToString();
        var readings = await silo.Services.GetRequiredService<MachineReadings>().ReadAsync(silo.DataDirectory, CancellationToken.None);
        var ids = Enumerable.Range(0, nodes).Select(i => $"sim-{i:D5}").ToArray();

        var registration = await ProcessCost.TimeAsync(() => ForEachAsync(ids, id => grains.GetNode(id).RegisterAsync(new NodeRegistration(
            id, id, ImmutableDictionary<string, string>.Empty, ["ECHO_01"], "bench", "sim-host", siloAddress, DateTimeOffset.UtcNow))));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  registered {nodes} nodes in {registration.Wall.TotalSeconds:0.0} s"));

        await using var session = watch ? await silo.ConnectAsync("fleet-watch") : null;
        long received = 0;
        await using var watching = session is null ? null : await session.OnHeartbeatAsync(_ => Interlocked.Increment(ref received));
        if (session is not null)
        {
            // The watch subscribes to each node's stream as it discovers them; wait until it hears every node.
            var joined = await ProcessCost.TimeAsync(async () =>
            {
                while (true)
                {
                    var before = Interlocked.Read(ref received);
                    await ForEachAsync(ids, id => sender.SendAsync(sender.Compose(id, readings, "bench", SecondsHeartbeat, [], []), siloAddress, null, CancellationToken.None));
                    await Task.Delay(TimeSpan.FromSeconds(2));
                    if (Interlocked.Read(ref received) - before >= nodes)
                    {
                        return;
                    }
                }
            });
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  the watching client subscribed to all {nodes} nodes in {joined.Wall.TotalSeconds:0.0} s"));
        }

        Task Baseline() => ForEachAsync(ids, id => grains.GetGrain<IPingProbeGrain>(id).PingAsync(siloAddress));
        async Task Heartbeats()
        {
            var expected = Interlocked.Read(ref received) + nodes;
            await ForEachAsync(ids, id => sender.SendAsync(sender.Compose(id, readings, "bench", SecondsHeartbeat, [], []), siloAddress, null, CancellationToken.None));
            await traffic.FlushAsync(TimeSpan.FromMinutes(1));
            var deadline = DateTime.UtcNow.AddMinutes(1);
            while (session is not null && Interlocked.Read(ref received) < expected && DateTime.UtcNow < deadline)
            {
                // Until the watching client has every heartbeat of the round.
                await Task.Delay(TimeSpan.FromMilliseconds(5));
            }
        }

        var results = new List<Round>();
        for (var round = 0; round <= rounds; round++)
        {
            var baseline = await ProcessCost.TimeAsync(Baseline);
            var heartbeats = await ProcessCost.TimeAsync(Heartbeats);
            var mapStarted = System.Diagnostics.Stopwatch.GetTimestamp();
            var map = await grains.GetFleet().GetNodesAsync();
            var mapTime = System.Diagnostics.Stopwatch.GetElapsedTime(mapStarted);
            var online = map.Count(n => n.IsOnline);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  round {round}{(round == 0 ? " (warm-up)" : string.Empty)}: bare calls {baseline.Wall.TotalSeconds:0.00} s wall {baseline.Cpu.TotalSeconds:0.00} s CPU; heartbeats {heartbeats.Wall.TotalSeconds:0.00} s wall {heartbeats.Cpu.TotalSeconds:0.00} s CPU; network map {mapTime.TotalSeconds:0.00} s ({online} of {map.Length} online)"));
            if (round > 0)
            {
                results.Add(new Round(baseline, heartbeats, mapTime, online));
            }
        }

        var c = CultureInfo.InvariantCulture;
        double Us(TimeSpan t) => t.TotalMilliseconds * 1000 / nodes;
        var heartbeatCpu = Percentiles.Median(results.Select(r => Us(r.Heartbeats.Cpu)));
        var baselineCpu = Percentiles.Median(results.Select(r => Us(r.Baseline.Cpu)));
        var ratio = Percentiles.Median(results.Select(r => r.Heartbeats.Cpu / r.Baseline.Cpu));
        var wallRatio = Percentiles.Median(results.Select(r => r.Heartbeats.Wall / r.Baseline.Wall));
        var share = Percentiles.Median(results.Select(r => 100 * r.Heartbeats.Cpu.TotalSeconds / SecondsHeartbeat));
        var rate = Percentiles.Median(results.Select(r => nodes / r.Heartbeats.Wall.TotalSeconds));
        output.WriteLine();
        output.WriteLine($"per heartbeat (median of {results.Count} rounds, {InFlight} in flight)");
        output.WriteLine(string.Create(c, $"  heartbeat (stream + presence): {heartbeatCpu:0.0} µs CPU; bare grain call: {baselineCpu:0.0} µs CPU; CPU {ratio:0.00}x, wall {wallRatio:0.00}x the baseline"));
        output.WriteLine(string.Create(c, $"  => {nodes} nodes every {SecondsHeartbeat} s need {share:0.0}% of one core ({nodes / SecondsHeartbeat} heartbeats/s; this silo takes up to {rate:0} heartbeats/s); network map of all nodes: {Percentiles.Median(results.Select(r => r.NetworkMap.TotalSeconds)):0.00} s"));
    }

    private static Task ForEachAsync(IEnumerable<string> ids, Func<string, Task> call) =>
        Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = InFlight }, async (id, _) => await call(id));
}
