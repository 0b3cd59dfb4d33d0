using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Ratio1.Orleans.Bench.Measurement;
using Ratio1.Orleans.Contracts;
using Ratio1.Orleans.Contracts.Nodes;
using Ratio1.Orleans.Testing;

namespace Ratio1.Orleans.Bench.Scenarios;

/// <summary>
/// Issue #19's Orleans Dashboard cost: the same client call (a node's status, answered from the grain's memory, so the
/// silo's per-call work is most of what is measured) against three silo processes in one run: dashboard off
/// (<c>--orleans-dashboard false</c>), on but nobody watching, and on while its page is watched (its JSON endpoints
/// polled every second as the browser's overview page does, which turns its per-call profiler on). Closed loops of
/// concurrent callers, alternating rounds; reported: calls/s, p50, the silo's CPU per call, and the ratios to off.
/// </summary>
public static class OrleansDashboardScenario
{
    // What the browser's overview page reads every second (Orleans.Dashboard.App: index.tsx).
    private static readonly string[] PolledPaths = ["/orleans/DashboardCounters", "/orleans/ClusterStats", "/orleans/TopGrainMethods"];

    public static async Task RunAsync(TextWriter output, int callers, int rounds, TimeSpan window, TimeSpan idle)
    {
        output.WriteLine($"orleans-dashboard benchmark: node status calls to three silo processes (dashboard off, on, on and watched), {rounds} alternating rounds (after a discarded one) of {callers} concurrent callers for {window.TotalSeconds:0.#} s; {Environment.ProcessorCount} cores, {DateTime.UtcNow:u}");
        await using var off = await SiloProcess.StartAsync("bench-dashboard-off", ["--orleans-dashboard", "false"], serverGc: true);
        await using var on = await SiloProcess.StartAsync("bench-dashboard-on", serverGc: true);
        await using var watched = await SiloProcess.StartAsync("bench-dashboard-watched", serverGc: true);
        await using var offSession = await off.ConnectAsync("bench");
        await using var onSession = await on.ConnectAsync("bench");
        await using var watchedSession = await watched.ConnectAsync("bench");
        Target[] targets =
        [
            new("off", off, offSession.Client.GetNode(off.NodeId), Watch: false),
            new("on", on, onSession.Client.GetNode(on.NodeId), Watch: false),
            new("on+watched", watched, watchedSession.Client.GetNode(watched.NodeId), Watch: true),
        ];
        foreach (var target in targets)
        {
            await WaitForNodeAsync(target);
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        if (idle > TimeSpan.Zero)
        {
            // An idle edge node should not burn CPU: the dashboard's timers (its counters every second) run while nobody calls.
            var idleCpu = await IdleCpuAsync([off, on], idle);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  idle over {idle.TotalSeconds:0} s (both at once, no calls, page not watched): off {idleCpu[0]:0.0} ms CPU/s, on {idleCpu[1]:0.0} ms CPU/s"));
        }

        // One discarded round each first: until the tiered JIT has optimised every path, it measures the JIT.
        foreach (var target in targets)
        {
            await RunRoundAsync(target, http, callers, window);
        }

        var results = new List<Round[]>();
        for (var round = 1; round <= rounds; round++)
        {
            var samples = new Round[targets.Length];
            for (var i = 0; i < targets.Length; i++)
            {
                samples[i] = await RunRoundAsync(targets[i], http, callers, window);
            }

            results.Add(samples);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  round {round}: {string.Join(", ", samples.Select(s => s.Describe(samples[0])))}"));
        }

        // Each round's ratios are taken against the off silo of the same round; the median over rounds is reported, with
        // the range, since other load on the machine moves all three together within a round far less than across rounds.
        for (var i = 1; i < targets.Length; i++)
        {
            var throughput = Spread(results.Select(r => r[i].Load.ItemsPerSecond / r[0].Load.ItemsPerSecond));
            var p50 = Spread(results.Select(r => r[i].Load.Percentile(50) / r[0].Load.Percentile(50)));
            var cpu = Spread(results.Select(r => r[i].SiloCpuMicrosecondsPerCall / r[0].SiloCpuMicrosecondsPerCall));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {targets[i].Name}/off, median of the rounds (range): throughput {throughput}, loaded p50 {p50}, silo CPU per call {cpu}"));
        }

        var profiled = await ProfiledCallsAsync(http, watched);
        using var offPage = await http.GetAsync(new Uri(off.HttpAddress, "/orleans/"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  check: the watched silo's profiler recorded {profiled:N0} node-status calls in its last 100 s (its TopGrainMethods); off answers /orleans/ with {(int)offPage.StatusCode}"));
    }

    private static async Task<Round> RunRoundAsync(Target target, HttpClient http, int callers, TimeSpan window)
    {
        using var watching = new CancellationTokenSource();
        var poller = target.Watch ? PollAsync(http, target.Silo.HttpAddress, watching.Token) : Task.CompletedTask;
        using var process = Process.GetProcessById(target.Silo.ProcessId);
        var cpuBefore = process.TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        var load = await ClosedLoop.RunAsync(target.Name, callers, async _ => { await target.Node.GetStatusAsync(); return 1; }, TimeSpan.FromSeconds(2), window);
        var wall = Stopwatch.GetElapsedTime(started);
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        await watching.CancelAsync();
        await poller;
        // The warm-up runs at the window's rate, so the calls of the whole round are the window's rate times its length.
        return new Round(load, cpu.TotalMicroseconds / (load.ItemsPerSecond * wall.TotalSeconds));
    }

    private static async Task<double[]> IdleCpuAsync(SiloProcess[] silos, TimeSpan window)
    {
        var processes = silos.Select(s => Process.GetProcessById(s.ProcessId)).ToArray();
        try
        {
            var before = processes.Select(p => p.TotalProcessorTime).ToArray();
            var started = Stopwatch.GetTimestamp();
            await Task.Delay(window);
            var wall = Stopwatch.GetElapsedTime(started);
            return [.. processes.Select((p, i) =>
            {
                p.Refresh();
                return (p.TotalProcessorTime - before[i]).TotalMilliseconds / wall.TotalSeconds;
            })];
        }
        finally
        {
            foreach (var process in processes)
            {
                process.Dispose();
            }
        }
    }

    private static async Task PollAsync(HttpClient http, Uri silo, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                foreach (var path in PolledPaths)
                {
                    using var response = await http.GetAsync(new Uri(silo, path), cancellationToken);
                    response.EnsureSuccessStatusCode();
                }

                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The round is over.
        }
    }

    private static async Task<long> ProfiledCallsAsync(HttpClient http, SiloProcess silo)
    {
        using var top = JsonDocument.Parse(await http.GetStringAsync(new Uri(silo.HttpAddress, "/orleans/TopGrainMethods")));
        return top.RootElement.GetProperty("calls").EnumerateArray()
            .Where(c => c.GetProperty("method").GetString() == "GetStatusAsync")
            .Sum(c => c.GetProperty("count").GetInt64());
    }

    private static async Task WaitForNodeAsync(Target target)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
        while (await target.Node.GetStatusAsync() is not NodeStatus.Online)
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"node {target.Silo.NodeId} did not come online");
            }

            await Task.Delay(200);
        }
    }

    private static string Spread(IEnumerable<double> ratios)
    {
        var sorted = ratios.Order().ToArray();
        return string.Create(CultureInfo.InvariantCulture, $"{sorted[sorted.Length / 2]:0.00}x ({sorted[0]:0.00}-{sorted[^1]:0.00})");
    }

    private sealed record Target(string Name, SiloProcess Silo, INodeGrain Node, bool Watch);

    private sealed record Round(LoadSample Load, double SiloCpuMicrosecondsPerCall)
    {
        public string Describe(Round baseline) => string.Create(CultureInfo.InvariantCulture,
            $"{Load.Name} {Load.ItemsPerSecond:N0} calls/s (p50 {Load.Percentile(50):0} µs, silo CPU {SiloCpuMicrosecondsPerCall:0.0} µs/call, {Load.ItemsPerSecond / baseline.Load.ItemsPerSecond:0.00}x)");
    }
}
