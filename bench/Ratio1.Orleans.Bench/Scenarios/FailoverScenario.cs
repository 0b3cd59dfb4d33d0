using System.Globalization;
using Ratio1.Orleans.Testing;

namespace Ratio1.Orleans.Bench.Scenarios;

/// <summary>
/// How long the control plane is out after a crash, with the documented membership defaults (Cluster:Membership):
/// three silo processes (three nodes) on a private PostgreSQL; a client (through the gateway of the silo that is never
/// killed) deploys in a loop to a pipeline of that silo's node whose grain lives on another silo; that silo is killed
/// (<c>kill -9</c>). Measured from the kill: when the membership table declares it dead (polled every 50 ms), and when
/// the first deploy started after the kill succeeds (the pipeline grain reactivated on a survivor). Each round kills
/// another silo (the other two take turns), then starts it again. The baseline is the deploy latency before the kill.
/// Deploys overlap (one starts every 10 ms), so some are in flight at the kill; "hung" counts those answered only by
/// the client's 30 s response timeout.
/// Goals (issue 17): detection at most 4 s, resumption at most 10 s.
/// </summary>
public static class FailoverScenario
{
    // The client's default response timeout (Ratio1SessionOptions.ResponseTimeout): a call that hangs is answered then.
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    private sealed record Round(int Number, string Victim, TimeSpan Detection, TimeSpan Resumption, int Failed, int InFlightAtKill, int Hung, TimeSpan DeployBefore);

    /// <param name="siloArgs">More options for every silo (e.g. <c>--Cluster:Membership:ProbeTimeoutSeconds=1.5</c>); none: the documented defaults.</param>
    public static async Task RunAsync(TextWriter output, int rounds, string[] siloArgs)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"failover benchmark: {rounds} rounds of kill -9 of the silo hosting a pipeline grain, 3 silos on a private PostgreSQL, {(siloArgs.Length == 0 ? "membership defaults" : string.Join(' ', siloArgs))}; {Environment.ProcessorCount} cores, {DateTime.UtcNow:u}"));
        await using var server = await PostgresServer.StartAsync(durable: true);
        await using var cluster = await SiloCluster.StartAsync(await server.CreateDatabaseAsync("failover"), ["bench-keep", "bench-one", "bench-two"], siloArgs);
        var keep = cluster["bench-keep"];
        await using var session = await cluster.ConnectAsync("failover-bench", keep);
        output.WriteLine($"{"round",5} {"killed",-10} {"detect s",9} {"resume s",9} {"failed",7} {"in flight",9} {"hung",5} {"deploy ms before",17}");
        var results = new List<Round>();
        var errors = new List<string>();
        for (var round = 1; round <= rounds; round++)
        {
            var victim = cluster.Silos[1 + ((round - 1) % 2)];
            var pipeline = await cluster.DeployPipelineHostedOnAsync(session, keep.NodeId, victim, prefix: $"r{round}");
            var deploys = DeployLoop.Start(session, keep.NodeId, pipeline, callTimeout: CallTimeout, pause: TimeSpan.FromMilliseconds(10), maxInFlight: 1000);
            await using (deploys)
            {
                await deploys.WaitForSuccessesAfterAsync(DateTimeOffset.MinValue, 20, TimeSpan.FromSeconds(60));
                var before = deploys.Attempts.Where(a => a.Succeeded).Select(a => (a.Ended - a.Started).TotalMilliseconds).Order().ToList();
                var launchedBeforeKill = deploys.Launched;
                var killedAt = DateTimeOffset.UtcNow;
                victim.Kill();
                await cluster.WaitUntilDeclaredDeadAsync(victim, TimeSpan.FromSeconds(120));
                var detection = DateTimeOffset.UtcNow - killedAt;
                await deploys.WaitForSuccessesAfterAsync(killedAt, 1, TimeSpan.FromSeconds(120));
                // Those in flight at the kill end by their answer, or at the client's timeout.
                await deploys.WaitUntilEndedAsync(launchedBeforeKill);
                await deploys.StopAsync();
                var attempts = deploys.Attempts;
                errors.AddRange(attempts.Where(a => !a.Succeeded).Select(a => string.Create(CultureInfo.InvariantCulture,
                    $"{a.Error![..a.Error!.IndexOf(':', StringComparison.Ordinal)]} after {(a.Ended - a.Started).TotalSeconds switch { < 1 => "< 1 s", < 29 => "1-29 s", _ => ">= 29 s" }}")));
                var resumption = attempts.Where(a => a.Succeeded && a.Started >= killedAt).Min(a => a.Ended) - killedAt;
                var result = new Round(round, victim.NodeId, detection, resumption, attempts.Count(a => !a.Succeeded),
                    attempts.Count(a => a.Started < killedAt && a.Ended > killedAt), attempts.Count(a => !a.Succeeded && a.Ended - a.Started >= CallTimeout - TimeSpan.FromSeconds(1)), TimeSpan.FromMilliseconds(before[before.Count / 2]));
                results.Add(result);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{round,5} {victim.NodeId,-10} {detection.TotalSeconds,9:F2} {resumption.TotalSeconds,9:F2} {result.Failed,7} {result.InFlightAtKill,9} {result.Hung,5} {result.DeployBefore.TotalMilliseconds,17:F1}"));
            }

            await victim.StartAgainAsync();
        }

        if (cluster.Silos.Any(s => s.Restarts.Count > 0))
        {
            output.WriteLine($"silos that stopped themselves (declared dead while alive) and were started again: {string.Join(", ", cluster.Silos.Where(s => s.Restarts.Count > 0).Select(s => $"{s.NodeId} x{s.Restarts.Count}"))}");
        }

        output.WriteLine($"failed deploys: {string.Join(", ", errors.GroupBy(e => e).OrderByDescending(g => g.Count()).Select(g => $"{g.Count()} {g.Key}"))}");
        var detections = results.Select(r => r.Detection.TotalSeconds).Order().ToList();
        var resumptions = results.Select(r => r.Resumption.TotalSeconds).Order().ToList();
        var baseline = results.Select(r => r.DeployBefore.TotalSeconds).Order().ToList()[results.Count / 2];
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"detection (kill -9 -> declared dead): median {detections[detections.Count / 2]:F2} s, max {detections[^1]:F2} s: {(detections[^1] <= 4 ? "goal met" : "goal missed")} (<= 4 s)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"resumption (kill -9 -> first deploy after it succeeds): median {resumptions[resumptions.Count / 2]:F2} s, max {resumptions[^1]:F2} s: {(resumptions[^1] <= 10 ? "goal met" : "goal missed")} (<= 10 s); " +
            $"{resumptions[resumptions.Count / 2] / baseline:F0}x a deploy before the kill ({baseline * 1000:F1} ms)"));
    }
}
