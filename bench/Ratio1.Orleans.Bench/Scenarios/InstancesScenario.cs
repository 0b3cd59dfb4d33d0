using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Ratio1.Orleans.Bench.Measurement;
using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Testing;
using Ratio1.Orleans.Edge.Traffic;

namespace Ratio1.Orleans.Bench.Scenarios;

/// <summary>
/// Issue #3's density target: many plugin instances on one silo (<c>Void</c> capture, <c>ECHO_01</c>, one payload a
/// second each), their CPU and memory per instance above the idle silo. The baseline, measured in the same run, is
/// the floor of such an instance: as many plain .NET loops that wake once a second and publish the same payload
/// through the node's publisher. The ratio says what the runtime adds (schedule, config, stats) over that floor.
/// </summary>
public static class InstancesScenario
{
    private const string Node = "bench-node";
    private const int PerPipeline = 100;

    private sealed record Round(ProcessCost Idle, ProcessCost Floor, ProcessCost Platform, TimeSpan DeployTime);

    public static async Task RunAsync(TextWriter output, int instances, int rounds, TimeSpan window)
    {
        output.WriteLine($"instances benchmark: {instances} instances (Void + ECHO_01, PROCESS_DELAY 1) on one silo vs {instances} plain loops publishing the same payloads; {rounds} rounds, {window.TotalSeconds:0} s windows; {Environment.ProcessorCount} cores, {DateTime.UtcNow:u}");
        await using var silo = await TestSilo.StartAsync(Node);
        await using var session = await silo.ConnectAsync("bench");
        var traffic = silo.Services.GetRequiredService<TrafficPublisher>();

        var results = new List<Round>();
        for (var round = 1; round <= rounds; round++)
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
            var idle = await ProcessCost.MeasureAsync("idle silo", window);

            ProcessCost floor;
            using (var stop = new CancellationTokenSource())
            {
                var loops = Enumerable.Range(0, instances).Select(i => Task.Run(() => FloorLoopAsync(traffic, $"floor/inst{i:D4}", stop.Token))).ToArray();
                await Task.Delay(TimeSpan.FromSeconds(3));
                floor = await ProcessCost.MeasureAsync("plain loops", window);
                await stop.CancelAsync();
                await Task.WhenAll(loops);
            }

            await Task.Delay(TimeSpan.FromSeconds(3));
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var names = await DeployAsync(session, round, instances);
            var deployTime = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            await Task.Delay(TimeSpan.FromSeconds(3));
            var publishedBefore = traffic.Published;
            var platform = await ProcessCost.MeasureAsync("instances", window);
            var payloadRate = (traffic.Published - publishedBefore) / platform.Wall.TotalSeconds;
            var running = silo.Runtime.RunningInstances;
            foreach (var name in names)
            {
                await session.DeletePipelineAsync(Node, name);
            }

            results.Add(new Round(idle, floor, platform, deployTime));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  round {round}: idle {idle.CpuPercentOfCore:0.0}% CPU {Mb(idle.ManagedBytes):0.0} MB heap; loops {floor.CpuPercentOfCore:0.0}% {Mb(floor.ManagedBytes):0.0} MB; instances ({running} running, {payloadRate:0} payloads/s, deployed and confirmed in {deployTime.TotalSeconds:0.0} s) {platform.CpuPercentOfCore:0.0}% {Mb(platform.ManagedBytes):0.0} MB"));
        }

        Print(output, instances, results);
    }

    private static void Print(TextWriter output, int instances, IReadOnlyList<Round> rounds)
    {
        double CpuEach(Round r, ProcessCost c) => (c.CpuPercentOfCore - r.Idle.CpuPercentOfCore) / instances;
        double HeapEach(Round r, ProcessCost c) => (double)(c.ManagedBytes - r.Idle.ManagedBytes) / instances / 1024;
        double RssEach(Round r, ProcessCost c) => (double)(c.WorkingSetBytes - r.Idle.WorkingSetBytes) / instances / 1024;
        var c = CultureInfo.InvariantCulture;
        output.WriteLine();
        output.WriteLine($"per instance, above the idle silo (median of {rounds.Count} rounds)");
        output.WriteLine($"{"",-34} {"CPU % of a core",16} {"heap KiB",9} {"working set KiB",16}");
        output.WriteLine(string.Create(c, $"{"ECHO_01 instance (PROCESS_DELAY 1)",-34} {Percentiles.Median(rounds.Select(r => CpuEach(r, r.Platform))),16:0.0000} {Percentiles.Median(rounds.Select(r => HeapEach(r, r.Platform))),9:0.0} {Percentiles.Median(rounds.Select(r => RssEach(r, r.Platform))),16:0.0}"));
        output.WriteLine(string.Create(c, $"{"  vs plain loop (the floor)",-34} {Percentiles.Median(rounds.Select(r => CpuEach(r, r.Floor))),16:0.0000} {Percentiles.Median(rounds.Select(r => HeapEach(r, r.Floor))),9:0.0} {Percentiles.Median(rounds.Select(r => RssEach(r, r.Floor))),16:0.0}"));
        var cpuRatio = Percentiles.Median(rounds.Select(r => CpuEach(r, r.Platform) / CpuEach(r, r.Floor)));
        var heapRatio = Percentiles.Median(rounds.Select(r => HeapEach(r, r.Platform) / HeapEach(r, r.Floor)));
        output.WriteLine(string.Create(c,
            $"  => {instances} instances use {Percentiles.Median(rounds.Select(r => r.Platform.CpuPercentOfCore - r.Idle.CpuPercentOfCore)):0.0}% of one core and {Percentiles.Median(rounds.Select(r => (r.Platform.ManagedBytes - r.Idle.ManagedBytes) / 1048576.0)):0.0} MB of heap; CPU {cpuRatio:0.00}x and heap {heapRatio:0.00}x the floor; deploy of all, confirmed by the node: {Percentiles.Median(rounds.Select(r => r.DeployTime.TotalSeconds)):0.0} s"));
    }

    private static async Task<IReadOnlyList<string>> DeployAsync(Ratio1Session session, int round, int instances)
    {
        var pipelines = new List<Pipeline>();
        for (var first = 0; first < instances; first += PerPipeline)
        {
            var pipeline = session.CreatePipeline(Node, $"dense-{round}-{first / PerPipeline:D2}", "Void");
            for (var i = first; i < Math.Min(instances, first + PerPipeline); i++)
            {
                pipeline.CreatePluginInstance("ECHO_01", $"inst{i:D4}", new Dictionary<string, object?> { ["ALLOW_EMPTY_INPUTS"] = true, ["PROCESS_DELAY"] = 1 });
            }

            pipelines.Add(pipeline);
        }

        await Task.WhenAll(pipelines.Select(p => p.DeployAsync(new DeployOptions { Timeout = TimeSpan.FromMinutes(2) })));
        return [.. pipelines.Select(p => p.Name)];
    }

    /// <summary>The floor of an instance: wake once a second, build the payload ECHO_01 builds, publish it.</summary>
    private static async Task FloorLoopAsync(TrafficPublisher traffic, string path, CancellationToken stop)
    {
        var parts = path.Split('/');
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            for (long n = 1; await timer.WaitForNextTickAsync(stop); n++)
            {
                var data = ConfigMap.Empty.SetItem("MESSAGE", "echo").SetItem("COUNT", n).SetItem("ID", n);
                traffic.Publish(new Payload(traffic.Envelope(Node, parts[0], "ECHO_01", parts[1]), data));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static double Mb(long bytes) => bytes / 1048576.0;
}
