using System.Globalization;
using Ratio1.Orleans.Testing;
using Ratio1.Orleans.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Ratio1.Orleans.Tests.Cluster;

/// <summary>
/// The control plane survives a crash: a pipeline grain whose silo is killed (<c>kill -9</c>) reactivates on a
/// survivor with its stored state, while deploys to its node (whose silo stays alive) carry on.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class FailoverTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private const string Node = "fo-north";

    [Fact]
    public async Task Every_acknowledged_deploy_survives_a_crash_of_the_silo_hosting_the_pipeline_grain_whole_and_deploys_resume()
    {
        await using var cluster = await SiloCluster.StartAsync(await postgres.Server.CreateDatabaseAsync(), [Node, "fo-victim", "fo-south"]);
        var victim = cluster["fo-victim"];
        // The client's gateways are the survivors': what is measured is the grain's failover, not the client's.
        await using var session = await cluster.ConnectAsync("failover-client", cluster[Node], cluster["fo-south"]);
        var pipeline = await cluster.DeployPipelineHostedOnAsync(session, Node, victim);
        await using var deploys = DeployLoop.Start(session, Node, pipeline, callTimeout: TimeSpan.FromSeconds(10), pause: TimeSpan.FromMilliseconds(100), maxInFlight: 64);
        await deploys.WaitForSuccessesAfterAsync(DateTimeOffset.MinValue, 5, TimeSpan.FromSeconds(60));

        var killedAt = DateTimeOffset.UtcNow;
        victim.Kill();
        await cluster.WaitUntilDeclaredDeadAsync(victim, TimeSpan.FromSeconds(60));
        var declaredDead = DateTimeOffset.UtcNow - killedAt;
        await deploys.WaitForSuccessesAfterAsync(killedAt, 5, TimeSpan.FromSeconds(90));
        await deploys.StopAsync();

        var attempts = deploys.Attempts;
        var resumed = attempts.Where(a => a.Succeeded && a.Started >= killedAt).Min(a => a.Ended) - killedAt;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"kill -9 -> declared dead {declaredDead.TotalSeconds:F1} s, -> first deploy started after the kill succeeded {resumed.TotalSeconds:F1} s; {attempts.Count(a => a.Succeeded)} of {attempts.Count} deploys acknowledged"));
        foreach (var failures in attempts.Where(a => !a.Succeeded).GroupBy(a => a.Error![..a.Error!.IndexOf(':', StringComparison.Ordinal)]))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {failures.Count()} failed with {failures.Key}, started {(failures.Min(f => f.Started) - killedAt).TotalSeconds:F2} to {(failures.Max(f => f.Started) - killedAt).TotalSeconds:F2} s after the kill, each within {failures.Max(f => f.Ended - f.Started).TotalSeconds:F2} s"));
        }

        await AcknowledgedDeploys.AssertInHistoryAsync(session, Node, pipeline, attempts);
    }
}
