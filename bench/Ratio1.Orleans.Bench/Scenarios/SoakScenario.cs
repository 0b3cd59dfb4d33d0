using System.Diagnostics;
using System.Globalization;
using Ratio1.Orleans.Testing;

namespace Ratio1.Orleans.Bench.Scenarios;

/// <summary>
/// Memory of a node under a full-speed flood, over minutes, next to an idle node's (the baseline: a silo with no
/// pipeline, whose memory also grows for a while as the JIT tiers up code that runs every few seconds and the GC sizes
/// its heaps): a real silo process runs a pipeline of ECHO_01 instances
/// sending as fast as their loops turn, while nobody listens, a slow subscriber (20 ms per message), a fast one, a
/// stuck one (never returns) reads the pipeline from this process, or one subscribed and disconnected without unsubscribing. Each phase starts a fresh silo; its resident memory is
/// read at the checkpoints, and the ratio is to the first checkpoint (the end of warm-up) of the same phase, so the goal,
/// a flat line, reads as growth after warm-up at most 1.05x. Next to it: what was published, delivered and counted as
/// dropped, per second.
/// </summary>
public static class SoakScenario
{
    private sealed record Checkpoint(TimeSpan At, long ResidentBytes, TrafficCounters Counters, long Received);

    /// <param name="checkpoints">When to read the silo, from the start of the flood; the first ends the warm-up.</param>
    /// <param name="phases">Any of idle (the baseline, first), none, slow, fast, stuck, gone.</param>
    public static async Task RunAsync(TextWriter output, IReadOnlyList<TimeSpan> checkpoints, IReadOnlyList<string> phases, int instances, int messageBytes)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"soak benchmark: {instances} ECHO_01 instances at full speed, messages of ~{messageBytes} bytes, checkpoints at {string.Join(", ", checkpoints.Select(Describe))}; {Environment.ProcessorCount} cores, {DateTime.UtcNow:u}"));
        output.WriteLine();
        output.WriteLine($"{"subscriber",-10} {"at",6} {"RSS MB",8} {"vs warm",8} {"publ/s",9} {"recv/s",8} {"nosub/s",8} {"expir/s",8} {"full/s",7} {"big/s",6}");
        var verdicts = new List<string>();
        var growths = new Dictionary<string, double>();
        foreach (var phase in phases)
        {
            var points = await RunPhaseAsync(phase, checkpoints, instances, messageBytes, output);
            var growth = (double)points[^1].ResidentBytes / points[0].ResidentBytes;
            var peak = (double)points.Max(p => p.ResidentBytes) / points[0].ResidentBytes;
            // The last interval shows whether the line is flat or still climbing once start-up effects (the JIT tiering
            // up code that runs every few seconds, the GC sizing its heaps) are over; an idle silo has them too.
            var late = (double)points[^1].ResidentBytes / points[^2].ResidentBytes;
            growths[phase] = growth;
            var verdict = phase == "idle" ? "baseline"
                : growths.TryGetValue("idle", out var idle) ? string.Create(CultureInfo.InvariantCulture,
                    $"traffic adds {growth / idle:0.000}x to an idle silo's growth: {(growth / idle <= 1.05 ? "goal met" : "goal missed")} (<= 1.05x)")
                : growth <= 1.05 ? "goal met (<= 1.05x)" : "goal missed (<= 1.05x)";
            verdicts.Add(string.Create(CultureInfo.InvariantCulture,
                $"  {phase,-6} growth after warm-up {growth:0.000}x (peak {peak:0.000}x, last interval {late:0.000}x): {verdict}"));
        }

        output.WriteLine();
        foreach (var verdict in verdicts)
        {
            output.WriteLine(verdict);
        }
    }

    private static async Task<List<Checkpoint>> RunPhaseAsync(string phase, IReadOnlyList<TimeSpan> checkpoints, int instances, int messageBytes, TextWriter output)
    {
        await using var silo = await SiloProcess.StartAsync($"soak-{phase}", serverGc: true);
        var session = await silo.ConnectAsync("soak");
        try
        {
            return await FloodAsync(silo, session, phase, checkpoints, instances, messageBytes, output);
        }
        finally
        {
            try
            {
                await session.DisposeAsync();
            }
            catch (OperationCanceledException) when (phase == "stuck")
            {
                // A handler that never returns holds the client's stop past its timeout.
            }
        }
    }

    private static async Task<List<Checkpoint>> FloodAsync(SiloProcess silo, Client.Ratio1Session session, string phase, IReadOnlyList<TimeSpan> checkpoints,
        int instances, int messageBytes, TextWriter output)
    {
        var received = 0L;
        var subscription = phase switch
        {
            "idle" or "none" => null,
            "fast" => await session.OnPipelinePayloadAsync(silo.NodeId, "flood", _ =>
            {
                Interlocked.Increment(ref received);
                return Task.CompletedTask;
            }),
            "slow" => await session.OnPipelinePayloadAsync(silo.NodeId, "flood", async _ =>
            {
                Interlocked.Increment(ref received);
                await Task.Delay(20);
            }),
            "stuck" => await session.OnPipelinePayloadAsync(silo.NodeId, "flood", async _ =>
            {
                Interlocked.Increment(ref received);
                await Task.Delay(Timeout.Infinite);
            }),
            "gone" => await SubscribeAndLeaveAsync(silo),
            _ => throw new ArgumentException($"unknown phase '{phase}': use idle, none, slow, fast, stuck or gone"),
        };

        if (phase != "idle")
        {
            await session.DeployPipelineJsonAsync(silo.NodeId, FloodPipeline.Json("flood", instances, messageBytes));
        }

        var started = Stopwatch.StartNew();
        var points = new List<Checkpoint>();
        foreach (var at in checkpoints)
        {
            var wait = at - started.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            var point = new Checkpoint(started.Elapsed, silo.ResidentBytes, await TrafficCounters.ReadAsync(silo), Interlocked.Read(ref received));
            var previous = points.Count > 0 ? points[^1] : new Checkpoint(TimeSpan.Zero, point.ResidentBytes, new TrafficCounters(0, new Dictionary<string, long>()), 0);
            points.Add(point);
            var seconds = (point.At - previous.At).TotalSeconds;
            double Rate(Func<Checkpoint, long> of) => (of(point) - of(previous)) / seconds;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{phase,-10} {Describe(at),6} {point.ResidentBytes / 1048576.0,8:0.0} {(double)point.ResidentBytes / points[0].ResidentBytes,7:0.000}x " +
                $"{Rate(p => p.Counters.Published),9:0} {Rate(p => p.Received),8:0} {Rate(p => p.Counters.DroppedFor("no_subscriber")),8:0} " +
                $"{Rate(p => p.Counters.DroppedFor("expired")),8:0} {Rate(p => p.Counters.DroppedFor("backlog_full")),7:0} {Rate(p => p.Counters.DroppedFor("too_big")),6:0}"));
        }

        if (subscription is not null && phase != "stuck")
        {
            await subscription.DisposeAsync();
        }

        return points;
    }

    // A client that subscribes, then goes away without unsubscribing (its process ended): its subscription outlives it.
    private static async Task<IAsyncDisposable?> SubscribeAndLeaveAsync(SiloProcess silo)
    {
        var leaving = await silo.ConnectAsync("soak-gone");
        await leaving.OnPipelinePayloadAsync(silo.NodeId, "flood", _ => Task.CompletedTask);
        await leaving.DisposeAsync();
        return null;
    }

    private static string Describe(TimeSpan at) => at.TotalMinutes >= 1 && at.Seconds == 0 ? $"{at.TotalMinutes:0}m" : $"{at.TotalSeconds:0}s";
}
