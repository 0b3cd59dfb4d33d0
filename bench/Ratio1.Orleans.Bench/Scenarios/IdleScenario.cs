using System.Globalization;
using Ratio1.Orleans.Bench.Measurement;
using Ratio1.Orleans.Testing;

namespace Ratio1.Orleans.Bench.Scenarios;

/// <summary>
/// What the traffic provider costs a node that has nothing to send: CPU of an idle silo (no pipelines; a heartbeat
/// every 10 s) per traffic setting, and for ADO.NET streams also the CPU of the PostgreSQL server they poll. Every
/// pulling agent polls its queue each pulling period whether or not anything was published, so the number of queues and
/// the period set the idle cost. The baseline is Orleans' defaults for memory streams (8 queues) at the platform's
/// 25 ms period, which is what silos ran before the setting existed. Rounds cycle through the settings.
/// </summary>
public static class IdleScenario
{
    // How memory queues were read before issue #15: every pulling period, empty or not (now: on a publisher's ring, or once a second).
    private const string EveryPeriod = "--Traffic:IdlePollingPeriodMs=0";

    private sealed record Setting(string Name, string[] Args, bool Postgres);

    private sealed record Sample(double SiloPercent, double DatabasePercent);

    /// <param name="only">Measure only the settings whose name starts with this (memory, adonet); all when empty.</param>
    public static async Task RunAsync(TextWriter output, int rounds, TimeSpan window, string only = "")
    {
        output.WriteLine($"idle benchmark: CPU of an idle node per traffic setting, {rounds} rounds of {window.TotalSeconds:0} s each after a warm-up round; {Environment.ProcessorCount} cores, {DateTime.UtcNow:u}");
        Setting[] all =
        [
            new("memory, 8 queues, 25 ms (baseline)", ["--traffic-queues", "8", EveryPeriod], false),
            new("memory, 2 queues, 25 ms, every period", ["--traffic-queues", "2", EveryPeriod], false),
            new("memory, 4 queues, 25 ms", ["--traffic-queues", "4"], false),
            new("memory, 2 queues, 25 ms (default)", ["--traffic-queues", "2"], false),
            new("memory, 1 queue, 25 ms", ["--traffic-queues", "1"], false),
            new("memory, 2 queues, 100 ms", ["--traffic-queues", "2", "--traffic-pulling-ms", "100"], false),
            new("adonet, 1 queue, 25 ms (default)", ["--traffic", "adonet"], true),
            new("adonet, 1 queue, 100 ms", ["--traffic", "adonet", "--traffic-pulling-ms", "100"], true),
        ];
        var settings = all.Where(s => s == all[0] || s.Name.StartsWith(only, StringComparison.Ordinal)).ToArray();

        await using var server = await PostgresServer.StartAsync(durable: true);
        var samples = settings.ToDictionary(s => s, _ => new List<Sample>());
        // Round 0 warms up (JIT, PostgreSQL caches) and is not counted.
        for (var round = 0; round <= rounds; round++)
        {
            foreach (var setting in settings)
            {
                var sample = await MeasureAsync(server, setting, window);
                if (round > 0)
                {
                    samples[setting].Add(sample);
                }

                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  round {round}{(round == 0 ? " (warm-up)" : string.Empty)} {setting.Name}: silo {sample.SiloPercent:0.00}% of a core{(setting.Postgres ? $", PostgreSQL {sample.DatabasePercent:0.00}%" : string.Empty)}"));
            }
        }

        var baseline = Percentiles.Median(samples[settings[0]].Select(s => s.SiloPercent));
        output.WriteLine();
        output.WriteLine($"{"setting",-36} {"silo %",8} {"db %",8} {"total %",8} {"vs baseline",12}");
        foreach (var setting in settings)
        {
            var silo = Percentiles.Median(samples[setting].Select(s => s.SiloPercent));
            var database = Percentiles.Median(samples[setting].Select(s => s.DatabasePercent));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{setting.Name,-36} {silo,8:0.00} {database,8:0.00} {silo + database,8:0.00} {(silo + database) / baseline,11:0.00}x"));
        }
    }

    private static async Task<Sample> MeasureAsync(PostgresServer server, Setting setting, TimeSpan window)
    {
        string[] args = setting.Postgres
            ? ["--storage", "postgres", "--connection-string", await server.CreateDatabaseAsync(), "--apply-schema", .. setting.Args]
            : setting.Args;
        await using var silo = await TestSilo.StartAsync("idle-node", extraArgs: args);

        // Start-up work (JIT, first activations, schema) is over well before this.
        await Task.Delay(TimeSpan.FromSeconds(10));
        var databaseBefore = setting.Postgres ? server.ProcessorTime() : TimeSpan.Zero;
        var (wall, cpu) = await ProcessCost.TimeAsync(() => Task.Delay(window));
        var database = setting.Postgres ? server.ProcessorTime() - databaseBefore : TimeSpan.Zero;
        return new Sample(100 * cpu / wall, 100 * database / wall);
    }
}
