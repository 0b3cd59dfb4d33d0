using System.Globalization;
using Ratio1.Orleans.Bench.Measurement;
using Ratio1.Orleans.Bench.Scenarios;
using Ratio1.Orleans.Contracts.Streams;
using Ratio1.Orleans.Testing;

// Usage: dotnet run -c Release --project bench/Ratio1.Orleans.Bench -- <scenario> [options]
//   deploy      [--storage sqlite|postgres|both] [--iterations N] [--warmup N] [--confirmed-iterations N]   (SQLite also: confirmed deploy on the running node; 0 leaves it out)
//   signed-deploy [--iterations N] [--warmup N]   (signed + verified deploy, security on, vs unsigned with security off)
//   traffic     [--instances N] [--paced-rate R] [--rounds N] [--window SECONDS] [--traffic memory|adonet] [--traffic-queues N] [--idle-polling-ms N]   (0: poll every period, as before issue #15)
//   durable     [--instances N] [--paced-rate R] [--rounds N] [--window SECONDS]   (ADO.NET traffic, at least once, vs memory traffic)
//   instances   [--instances N] [--rounds N] [--window SECONDS]
//   heartbeats  [--nodes N] [--rounds N] [--watch]
//   idle        [--rounds N] [--window SECONDS] [--only memory|adonet]
//   providers   [--folder DIR]   (which execution provider each request gets, and CPU/GPU agreement)
//   serving-overhead [--mlp F,H,C] [--rounds N] [--window SECONDS] [--callers N] [--latency-calls N] [--concurrency N]
//   serving-load [--mlp F,H,C] [--callers N] [--window SECONDS] [--max-batch N] [--delay-us N] [--concurrency N]   (one setting alone, for profiling)
//   (serving-overhead and batching also take --provider cpu|auto|cuda|tensorrt)
//   soak        [--short] [--minutes N | --at M,M,...] [--phases idle,none,slow,fast,stuck,gone] [--instances N] [--message-bytes N]   (memory of a flooded node over time)
//   client-inference [--mlps F,H,C;F,H,C] [--clients N] [--rounds N] [--window SECONDS] [--max-batch N] [--delay-us N] [--concurrency N]   (external clients vs in-process ModelServer; wire bytes per request)
//   batching    [--mlp F,H,C] [--callers N] [--rounds N] [--window SECONDS] [--max-batch N] [--delay-us N] [--concurrency N]
//   tls         [--callers N] [--rounds N] [--window SECONDS] [--latency-calls N]   (client calls over mutual TLS vs plain)
//   failover    [--rounds N] [--membership Key=Value,...]   (kill -9 of the silo hosting a pipeline grain: time to declared dead and to the first deploy that succeeds)
//   resume      [--pipelines N] [--instances N] [--rounds N]   (a node's silo restarted: time until every pipeline instance runs again)
//   dashboard   [--instances N] [--rate R] [--rounds N] [--window SECONDS] [--slow-seconds N] [--slow-rate R] [--buffer N]   (the dashboard's live feed to a browser-less client: delivered vs published, added CPU, a slow browser's drops)
//   orleans-dashboard [--callers N] [--rounds N] [--window SECONDS] [--idle SECONDS]   (grain-call throughput of a silo with the Orleans Dashboard off, on, and on while its page is polled)
// Every scenario measures its baseline in the same run and prints ratios to it.
var scenario = args.FirstOrDefault() ?? "deploy";
switch (scenario)
{
    case "deploy":
        await DeployAsync();
        return 0;
    case "signed-deploy":
        Console.WriteLine($"signed-deploy benchmark: {Int("--iterations", 1000)} timed iterations of each operation, alternating with the baseline, after {Int("--warmup", 300)} warm-up rounds; {Environment.ProcessorCount} cores, {DateTime.UtcNow:u}");
        Report.Print(Console.Out, "Signed and verified vs unsigned deploy (SQLite)", await SignedDeployScenario.RunAsync(Int("--warmup", 300), Int("--iterations", 1000), goalRatio: 1.2));
        return 0;
    case "traffic":
        await TrafficScenario.RunAsync(Console.Out, Int("--instances", 10), Double("--paced-rate", 100), Int("--rounds", 3), TimeSpan.FromSeconds(Double("--window", 5)),
            Option("--traffic", "memory") == "adonet" ? TrafficProvider.AdoNet : TrafficProvider.Memory,
            Option("--traffic-queues", string.Empty) is { Length: > 0 } queues ? int.Parse(queues, CultureInfo.InvariantCulture) : null,
            Option("--idle-polling-ms", string.Empty) is { Length: > 0 } idle ? int.Parse(idle, CultureInfo.InvariantCulture) : null);
        return 0;
    case "durable":
        await DurableScenario.RunAsync(Console.Out, Int("--instances", 10), Double("--paced-rate", 100), Int("--rounds", 3), TimeSpan.FromSeconds(Double("--window", 5)));
        return 0;
    case "instances":
        await InstancesScenario.RunAsync(Console.Out, Int("--instances", 1000), Int("--rounds", 2), TimeSpan.FromSeconds(Double("--window", 10)));
        return 0;
    case "heartbeats":
        await HeartbeatScenario.RunAsync(Console.Out, Int("--nodes", 10_000), Int("--rounds", 3), args.Contains("--watch"));
        return 0;
    case "idle":
        await IdleScenario.RunAsync(Console.Out, Int("--rounds", 3), TimeSpan.FromSeconds(Double("--window", 20)), Option("--only", string.Empty));
        return 0;
    case "providers":
        await ProvidersScenario.RunAsync(Console.Out, Option("--folder", Path.Combine(Path.GetTempPath(), "r1-provider-check")));
        return 0;
    case "serving-overhead":
        await ServingOverheadScenario.RunAsync(Console.Out, Sizes("--mlp", "256,512,10"), Int("--rounds", 3), TimeSpan.FromSeconds(Double("--window", 3)), Int("--callers", 64), Int("--latency-calls", 20_000), Int("--concurrency", Environment.ProcessorCount), Provider());
        return 0;
    case "batching":
        await BatchingScenario.RunAsync(Console.Out, Sizes("--mlp", "256,512,10"), Int("--callers", 64), Int("--rounds", 3), TimeSpan.FromSeconds(Double("--window", 3)),
            Int("--max-batch", 32), Int("--delay-us", 100), Int("--concurrency", Environment.ProcessorCount), Provider());
        return 0;
    case "client-inference":
        await ClientInferenceScenario.RunAsync(Console.Out, [.. Option("--mlps", "256,512,10;1024,4096,1000").Split(';').Select(m => m.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray())],
            Int("--clients", 64), Int("--rounds", 3), TimeSpan.FromSeconds(Double("--window", 3)), Int("--max-batch", 32), Int("--delay-us", 100), Int("--concurrency", Environment.ProcessorCount));
        return 0;
    case "soak":
        var minutes = Double("--minutes", 10);
        TimeSpan[] checkpoints = Option("--at", string.Empty) is { Length: > 0 } at
            ? [.. at.Split(',').Select(m => TimeSpan.FromMinutes(double.Parse(m, CultureInfo.InvariantCulture)))]
            : args.Contains("--short")
                ? [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60)]
                : [TimeSpan.FromMinutes(Math.Min(1, minutes / 10)), TimeSpan.FromMinutes(minutes / 2), TimeSpan.FromMinutes(minutes)];
        await SoakScenario.RunAsync(Console.Out, checkpoints, Option("--phases", "idle,none,slow,fast").Split(','), Int("--instances", 10), Int("--message-bytes", 4000));
        return 0;
    case "tls":
        await TlsScenario.RunAsync(Console.Out, Int("--callers", 32), Int("--rounds", 5), TimeSpan.FromSeconds(Double("--window", 5)), Int("--latency-calls", 10000));
        return 0;
    case "failover":
        await FailoverScenario.RunAsync(Console.Out, Int("--rounds", 4),
            [.. Option("--membership", string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(setting => $"--Cluster:Membership:{setting}")]);
        return 0;
    case "resume":
        await ResumeScenario.RunAsync(Console.Out, Int("--pipelines", 100), Int("--instances", 10), Int("--rounds", 3));
        return 0;
    case "dashboard":
        await DashboardFeedScenario.RunAsync(Console.Out, Int("--instances", 100), Double("--rate", 100), Int("--rounds", 3), TimeSpan.FromSeconds(Double("--window", 10)),
            TimeSpan.FromSeconds(Double("--slow-seconds", 20)), Double("--slow-rate", 500), Int("--buffer", 1000));
        return 0;
    case "orleans-dashboard":
        await OrleansDashboardScenario.RunAsync(Console.Out, Int("--callers", 32), Int("--rounds", 5), TimeSpan.FromSeconds(Double("--window", 5)), TimeSpan.FromSeconds(Double("--idle", 20)));
        return 0;
    case "serving-load":
        await BatchingScenario.LoadAsync(Console.Out, Sizes("--mlp", "256,512,10"), Int("--callers", 64), TimeSpan.FromSeconds(Double("--window", 10)),
            Int("--max-batch", 32), Int("--delay-us", 0), Int("--concurrency", Environment.ProcessorCount));
        return 0;
    default:
        Console.Error.WriteLine($"unknown scenario '{scenario}'; available: deploy, signed-deploy, traffic, durable, instances, heartbeats, idle, providers, serving-overhead, serving-load, batching, client-inference, soak, tls, failover, resume, dashboard, orleans-dashboard");
        return 2;
}

async Task DeployAsync()
{
    // Warm-up is long on purpose: until the JIT has optimised the deploy path, it measures the JIT, not the platform.
    var storage = Option("--storage", "both");
    var iterations = Int("--iterations", 1000);
    var warmup = Int("--warmup", 300);
    Console.WriteLine($"deploy benchmark: {iterations} timed iterations of each operation, alternating with the baseline, after {warmup} warm-up rounds; {Environment.ProcessorCount} cores, {DateTime.UtcNow:u}");
    if (storage is "sqlite" or "both")
    {
        Report.Print(Console.Out, "SQLite (embedded, WAL, synchronous=NORMAL)", await DeployScenario.RunAsync([], warmup, iterations, goalRatio: 3, Int("--confirmed-iterations", 200)));
    }

    if (storage is "postgres" or "both")
    {
        // A private server with durable settings (fsync on), as in production.
        await using var server = await PostgresServer.StartAsync(durable: true);
        var connectionString = await server.CreateDatabaseAsync("bench");
        var siloArgs = new[] { "--storage", "postgres", "--connection-string", connectionString, "--apply-schema" };
        Report.Print(Console.Out, "PostgreSQL (private local server, fsync on)", await DeployScenario.RunAsync(siloArgs, warmup, iterations, goalRatio: 3));
    }
}

string Option(string name, string fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}

int[] Sizes(string name, string fallback) => [.. Option(name, fallback).Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture))];

int Int(string name, int fallback) => int.Parse(Option(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

double Double(string name, double fallback) => double.Parse(Option(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

Ratio1.Orleans.Contracts.Serving.ExecutionProvider Provider() =>
    Enum.Parse<Ratio1.Orleans.Contracts.Serving.ExecutionProvider>(Option("--provider", "cpu"), ignoreCase: true);
