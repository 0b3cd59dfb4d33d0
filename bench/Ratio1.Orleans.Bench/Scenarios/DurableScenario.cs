using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Ratio1.Orleans.Bench.Load;
using Ratio1.Orleans.Bench.Measurement;
using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts.Streams;
using Ratio1.Orleans.Edge.Hosting;
using Ratio1.Orleans.Edge.Traffic;
using Ratio1.Orleans.Testing;

namespace Ratio1.Orleans.Bench.Scenarios;

/// <summary>
/// What durable traffic costs (issue 17): payloads from N plugin instances of one pipeline to one external client with
/// ADO.NET streams (at least once: every batch written to PostgreSQL, read back, confirmed; the client skips
/// redeliveries) against memory streams (at most once), in the same run. Both silos keep their state on the same private
/// PostgreSQL server with durable settings (fsync on), so only the traffic provider differs. Rounds alternate the two.
/// Two loads: saturated (what the client receives per second) and paced (latency from creation to the client's handler).
/// </summary>
public static class DurableScenario
{
    private const string Node = "bench-durable";

    private sealed record Measured(DeliverySample Sample, long Dropped, long Skipped);

    public static async Task RunAsync(TextWriter output, int instances, double pacedRate, int rounds, TimeSpan window)
    {
        output.WriteLine($"durable benchmark: {instances} instances of one pipeline to one external client, ADO.NET (at least once) vs memory (at most once) traffic; {rounds} rounds of {window.TotalSeconds:0} s each after a warm-up round; {Environment.ProcessorCount} cores, {DateTime.UtcNow:u}");
        await using var server = await PostgresServer.StartAsync(durable: true);
        var loads = new (string Title, double? Rate)[] { ("saturated (everyone produces as fast as it can)", null), ($"paced ({pacedRate:0} msg/s per instance, {pacedRate * instances:0} msg/s in all)", pacedRate) };
        var results = loads.ToDictionary(l => l.Title, _ => new List<(Measured Memory, Measured AdoNet)>());

        // Round 0 warms up (JIT, PostgreSQL caches) and is not reported.
        for (var round = 0; round <= rounds; round++)
        {
            var memory = await MeasureAsync(server, TrafficProvider.Memory, instances, loads, window, round);
            var adonet = await MeasureAsync(server, TrafficProvider.AdoNet, instances, loads, window, round);
            foreach (var (title, _) in loads)
            {
                var (m, a) = (memory[title], adonet[title]);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  round {round}{(round == 0 ? " (warm-up)" : string.Empty)} {(title.StartsWith("saturated", StringComparison.Ordinal) ? "saturated" : "paced")}: memory {m.Sample.PerSecond:0} msg/s p99 {m.Sample.Percentile(99):0.0} ms; adonet {a.Sample.PerSecond:0} msg/s p99 {a.Sample.Percentile(99):0.0} ms, {a.Dropped} dropped, {a.Skipped} redeliveries skipped"));
                if (round > 0)
                {
                    results[title].Add((m, a));
                }
            }
        }

        foreach (var (title, _) in loads)
        {
            Print(output, title, results[title]);
        }
    }

    private static void Print(TextWriter output, string title, List<(Measured Memory, Measured AdoNet)> rounds)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine();
        output.WriteLine(title);
        output.WriteLine($"{"round",6} {"mem msg/s",10} {"mem p50",8} {"mem p99",8} {"ado msg/s",10} {"ado p50",8} {"ado p99",8} {"dropped",8} {"skipped",8} {"rate ratio",11} {"p99 ratio",10}");
        for (var i = 0; i < rounds.Count; i++)
        {
            var (m, a) = rounds[i];
            output.WriteLine(string.Create(c,
                $"{i + 1,6} {m.Sample.PerSecond,10:0} {m.Sample.Percentile(50),8:0.0} {m.Sample.Percentile(99),8:0.0} {a.Sample.PerSecond,10:0} {a.Sample.Percentile(50),8:0.0} {a.Sample.Percentile(99),8:0.0} {a.Dropped,8} {a.Skipped,8} {a.Sample.PerSecond / m.Sample.PerSecond,10:0.00}x {a.Sample.Percentile(99) / m.Sample.Percentile(99),9:0.00}x"));
        }

        var rate = Percentiles.Median(rounds.Select(r => r.AdoNet.Sample.PerSecond / r.Memory.Sample.PerSecond));
        var p99 = Percentiles.Median(rounds.Select(r => r.AdoNet.Sample.Percentile(99) / r.Memory.Sample.Percentile(99)));
        output.WriteLine(string.Create(c, $"  => median ADO.NET rate {rate:0.00}x memory, p99 latency {p99:0.00}x memory"));
    }

    private static async Task<Dictionary<string, Measured>> MeasureAsync(
        PostgresServer server, TrafficProvider provider, int instances, (string Title, double? Rate)[] loads, TimeSpan window, int round)
    {
        var database = await server.CreateDatabaseAsync();
        string[] args = ["--storage", "postgres", "--connection-string", database, "--apply-schema", "--traffic", provider == TrafficProvider.AdoNet ? "adonet" : "memory"];
        await using var silo = await TestSilo.StartAsync(Node, configure: b => b.Services.AddPluginAssembly(typeof(BurstPlugin).Assembly), extraArgs: args);
        var options = silo.SessionOptions("bench-durable");
        options.Traffic = provider;
        options.TrafficConnectionString = provider == TrafficProvider.AdoNet ? database : null;
        await using var session = await Ratio1Session.ConnectAsync(options);
        var traffic = silo.Services.GetRequiredService<TrafficPublisher>();

        var measured = new Dictionary<string, Measured>();
        foreach (var (title, rate) in loads)
        {
            var droppedBefore = traffic.Dropped;
            var skippedBefore = session.RedeliveriesSkipped;
            var sample = await TrafficScenario.PlatformAsync(session, Node, $"d{round}-{(rate is null ? "s" : "p")}", instances, rate, window, "instances to client");
            measured[title] = new Measured(sample, traffic.Dropped - droppedBefore, session.RedeliveriesSkipped - skippedBefore);
        }

        return measured;
    }
}
