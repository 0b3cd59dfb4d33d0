using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;
using Ratio1.Orleans.Bench.Load;
using Ratio1.Orleans.Bench.Measurement;
using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Contracts.Streams;
using Ratio1.Orleans.Edge.Hosting;
using Ratio1.Orleans.Testing;

namespace Ratio1.Orleans.Bench.Scenarios;

/// <summary>
/// Issue #3's traffic target: payloads from N plugin instances of one pipeline to one external client, against raw
/// Orleans streaming measured in the same run: N producers in the silo publishing the same payloads with
/// <c>OnNextAsync</c> on the same stream provider, to a stream the same client subscribes to directly. Rounds
/// alternate baseline and platform. Two loads: saturated (everyone produces as fast as it can; what counts is what the
/// client receives per second) and paced (a fixed rate each; what counts is the latency from creation to the client).
/// </summary>
public static class TrafficScenario
{
    private const string Node = "bench-node";

    public sealed record Round(DeliverySample Baseline, DeliverySample Platform, long PlatformDropped)
    {
        public double RateRatio => Platform.PerSecond / Baseline.PerSecond;

        public double P99Ratio => Platform.Percentile(99) / Baseline.Percentile(99);
    }

    /// <param name="traffic">The traffic provider; ADO.NET streams run on a private PostgreSQL server with durable settings (fsync on).</param>
    /// <param name="queues">Queues of the provider (null: its default).</param>
    public static async Task RunAsync(TextWriter output, int instances, double pacedRate, int rounds, TimeSpan window, TrafficProvider traffic = TrafficProvider.Memory, int? queues = null, int? idlePollingMs = null)
    {
        output.WriteLine($"traffic benchmark ({traffic} streams{(queues is { } q ? $", {q} queues" : string.Empty)}{(idlePollingMs is { } ip ? $", idle polling {ip} ms" : string.Empty)}): {instances} instances of one pipeline to one external client, vs {instances} raw stream producers; {rounds} rounds of {window.TotalSeconds:0} s each after a warm-up round; {Environment.ProcessorCount} cores, {DateTime.UtcNow:u}");
        await using var server = traffic == TrafficProvider.AdoNet ? await PostgresServer.StartAsync(durable: true) : null;
        var connectionString = server is null ? null : await server.CreateDatabaseAsync("bench");
        string[] siloArgs =
        [
            .. connectionString is null ? [] : new[] { "--storage", "postgres", "--connection-string", connectionString, "--apply-schema", "--traffic", "adonet" },
            .. queues is { } count ? new[] { "--traffic-queues", count.ToString(System.Globalization.CultureInfo.InvariantCulture) } : [],
            .. idlePollingMs is { } idle ? new[] { $"--Traffic:IdlePollingPeriodMs={idle.ToString(System.Globalization.CultureInfo.InvariantCulture)}" } : [],
        ];
        var (saturated, paced) = await MeasureAsync(output, instances, pacedRate, rounds, window, siloArgs, traffic, connectionString);
        Print(output, "saturated (everyone produces as fast as it can)", saturated, rateGoal: 0.8);
        Print(output, $"paced ({pacedRate:0} msg/s per instance, {pacedRate * instances:0} msg/s in all)", paced, rateGoal: null);
    }

    private static void Print(TextWriter output, string title, IReadOnlyList<Round> rounds, double? rateGoal)
    {
        var c = System.Globalization.CultureInfo.InvariantCulture;
        output.WriteLine();
        output.WriteLine(title);
        output.WriteLine($"{"round",6} {"raw msg/s",10} {"raw p50",8} {"raw p99",8} {"msg/s",10} {"p50 ms",8} {"p99 ms",8} {"dropped",8} {"rate ratio",11} {"p99 ratio",10}");
        for (var i = 0; i < rounds.Count; i++)
        {
            var r = rounds[i];
            output.WriteLine(string.Create(c,
                $"{i + 1,6} {r.Baseline.PerSecond,10:0} {r.Baseline.Percentile(50),8:0.0} {r.Baseline.Percentile(99),8:0.0} {r.Platform.PerSecond,10:0} {r.Platform.Percentile(50),8:0.0} {r.Platform.Percentile(99),8:0.0} {r.PlatformDropped,8} {r.RateRatio,10:0.00}x {r.P99Ratio,9:0.00}x"));
        }

        var rate = Percentiles.Median(rounds.Select(r => r.RateRatio));
        var p99 = Percentiles.Median(rounds.Select(r => r.P99Ratio));
        var verdict = rateGoal is { } goal ? string.Create(c, $"; goal at least {goal:0.0#}x: {(rate >= goal ? "MET" : "NOT MET")}") : string.Empty;
        output.WriteLine(string.Create(c, $"  => median rate {rate:0.00}x raw streaming, p99 latency {p99:0.00}x raw streaming{verdict}"));
    }

    private static async Task<(IReadOnlyList<Round> Saturated, IReadOnlyList<Round> Paced)> MeasureAsync(
        TextWriter progress, int instances, double pacedRate, int rounds, TimeSpan window, string[] siloArgs, TrafficProvider provider, string? connectionString)
    {
        await using var silo = await TestSilo.StartAsync(Node, configure: b => b.Services.AddPluginAssembly(typeof(BurstPlugin).Assembly), extraArgs: siloArgs);
        var options = silo.SessionOptions("bench");
        options.Traffic = provider;
        options.TrafficConnectionString = connectionString;
        await using var session = await Ratio1Session.ConnectAsync(options);
        var streams = silo.Services.GetRequiredService<IClusterClient>().GetStreamProvider(TrafficStreams.ProviderName);
        var traffic = silo.Services.GetRequiredService<Edge.Traffic.TrafficPublisher>();

        var saturated = new List<Round>();
        var paced = new List<Round>();
        // Round 0 warms both paths up (JIT, activations, connections) and is not reported.
        for (var round = 0; round <= rounds; round++)
        {
            foreach (var (rate, results) in new[] { ((double?)null, saturated), (pacedRate, paced) })
            {
                var label = rate is null ? "saturated" : $"paced {rate:0} msg/s each";
                var baseline = await RawAsync(session, streams, $"raw-{round}-{results.Count}-{(rate is null ? "s" : "p")}", instances, rate, window);
                var droppedBefore = traffic.Dropped;
                var platform = await PlatformAsync(session, Node, $"tp-{round}-{(rate is null ? "s" : "p")}", instances, rate, window, "platform: instances to client");
                var dropped = traffic.Dropped - droppedBefore;
                progress.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"  round {round}{(round == 0 ? " (warm-up)" : string.Empty)} {label}: raw {baseline.PerSecond:0} msg/s p99 {baseline.Percentile(99):0.0} ms; platform {platform.PerSecond:0} msg/s p99 {platform.Percentile(99):0.0} ms, {dropped} dropped"));
                if (round > 0)
                {
                    results.Add(new Round(baseline, platform, dropped));
                }
            }
        }

        return (saturated, paced);
    }

    private static async Task<DeliverySample> RawAsync(
        Ratio1Session session, IStreamProvider siloStreams, string name, int producers, double? rate, TimeSpan window)
    {
        var id = TrafficStreams.Payloads(Node, name);
        var sample = new DeliverySample("raw Orleans stream");
        var subscription = await session.Client.GetStreamProvider(TrafficStreams.ProviderName).GetStream<Payload>(id)
            .SubscribeAsync((payload, _) =>
            {
                sample.Record(payload.Envelope.Timestamp);
                return Task.CompletedTask;
            });
        using var stop = new CancellationTokenSource();
        var stream = siloStreams.GetStream<Payload>(id);
        var running = Enumerable.Range(0, producers).Select(i => Task.Run(() => ProduceAsync(stream, name, $"inst{i:D3}", rate, stop.Token))).ToArray();
        await Task.Delay(TimeSpan.FromSeconds(1));
        await sample.MeasureAsync(window);
        await stop.CancelAsync();
        await Task.WhenAll(running);
        await sample.DrainAsync(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30));
        await subscription.UnsubscribeAsync();
        return sample;
    }

    /// <summary>What an instance does for each payload, minus the instance: build it, publish it.</summary>
    private static async Task ProduceAsync(IAsyncStream<Payload> stream, string pipeline, string instance, double? rate, CancellationToken stop)
    {
        using var pace = rate is { } r ? new PeriodicTimer(TimeSpan.FromSeconds(1 / r)) : null;
        for (long n = 1; !stop.IsCancellationRequested; n++)
        {
            try
            {
                if (pace is not null)
                {
                    await pace.WaitForNextTickAsync(stop);
                }

                var data = ConfigMap.Empty.SetItem("MESSAGE", "echo").SetItem("COUNT", n).SetItem("ID", n);
                await stream.OnNextAsync(new Payload(new MessageEnvelope(Node, pipeline, "ECHO_01", instance, n, DateTimeOffset.UtcNow, Guid.NewGuid()), data));
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception) when (!stop.IsCancellationRequested)
            {
                // The memory provider refuses messages while its queue is full: the same push-back the node sees.
                await Task.Delay(TimeSpan.FromMilliseconds(20), CancellationToken.None);
            }
        }
    }

    /// <summary>
    /// Deploys <paramref name="instances"/> instances publishing at full speed (<paramref name="rate"/> null) or at
    /// <paramref name="rate"/> payloads per second each, and measures their payloads at <paramref name="session"/> for
    /// <paramref name="window"/>.
    /// </summary>
    internal static async Task<DeliverySample> PlatformAsync(Ratio1Session session, string node, string name, int instances, double? rate, TimeSpan window, string label)
    {
        var sample = new DeliverySample(label);
        var pipeline = session.CreatePipeline(node, name, "Void");
        for (var i = 0; i < instances; i++)
        {
            // Saturated: bursts at the highest loop rate, far more than a stream carries. Paced: ECHO_01, one payload
            // every PROCESS_DELAY.
            pipeline.CreatePluginInstance(rate is null ? "BENCH_BURST_01" : "ECHO_01", $"inst{i:D3}", new Dictionary<string, object?>
            {
                ["ALLOW_EMPTY_INPUTS"] = true,
                ["PROCESS_DELAY"] = rate is { } r ? 1 / r : 0,
                ["PLUGIN_LOOP_RESOLUTION"] = 1000,
            });
        }

        await using (await pipeline.OnDataAsync(payload => sample.Record(payload.Envelope.Timestamp)))
        {
            await pipeline.DeployAsync();
            await Task.Delay(TimeSpan.FromSeconds(1));
            await sample.MeasureAsync(window);
            await session.DeletePipelineAsync(node, name);
            await sample.DrainAsync(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30));
        }

        return sample;
    }
}
