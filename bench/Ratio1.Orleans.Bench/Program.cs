using Ratio1.Orleans.Bench.Measurement;
using Ratio1.Orleans.Bench.Scenarios;
using Ratio1.Orleans.Testing;

// Usage: dotnet run -c Release --project bench/Ratio1.Orleans.Bench -- deploy [--storage sqlite|postgres|both] [--iterations N] [--warmup N]
// Warm-up is long on purpose: until the JIT has optimised the deploy path, it measures the JIT, not the platform.
var scenario = args.FirstOrDefault() ?? "deploy";
var storage = Option("--storage", "both");
var iterations = int.Parse(Option("--iterations", "1000"));
var warmup = int.Parse(Option("--warmup", "300"));

if (scenario != "deploy")
{
    Console.Error.WriteLine($"unknown scenario '{scenario}'; available: deploy");
    return 2;
}

Console.WriteLine($"deploy benchmark: {iterations} timed iterations of each operation, alternating with the baseline, after {warmup} warm-up rounds; {Environment.ProcessorCount} cores, {DateTime.UtcNow:u}");
if (storage is "sqlite" or "both")
{
    Report.Print(Console.Out, "SQLite (embedded, WAL, synchronous=NORMAL)", await DeployScenario.RunAsync([], warmup, iterations, goalRatio: 3));
}

if (storage is "postgres" or "both")
{
    // A private server with durable settings (fsync on), as in production.
    await using var server = await PostgresServer.StartAsync(durable: true);
    var connectionString = await server.CreateDatabaseAsync("bench");
    var siloArgs = new[] { "--storage", "postgres", "--connection-string", connectionString, "--apply-schema" };
    Report.Print(Console.Out, "PostgreSQL (private local server, fsync on)", await DeployScenario.RunAsync(siloArgs, warmup, iterations, goalRatio: 3));
}

return 0;

string Option(string name, string fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}
