using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Ratio1.Orleans.Bench.Measurement;
using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts;
using Ratio1.Orleans.Contracts.Nodes;
using Ratio1.Orleans.Contracts.Security;
using Ratio1.Orleans.Testing;

namespace Ratio1.Orleans.Bench.Scenarios;

/// <summary>
/// Issue 16's target: a signed and verified deploy (security on, the caller an operator on the node: signature,
/// freshness, nonce and role checked before the pipeline grain runs) against the same unsigned deploy on a silo with
/// security off, alternating, in one run. Both deploy to a registered node no silo runs, as <see cref="DeployScenario"/> does.
/// </summary>
public static class SignedDeployScenario
{
    private const string Node = "bench-store";
    private const int Instances = 10;
    private const string ManyPipelines = "--Limits:MaxPipelinesPerNode=1000000";

    public static async Task<IReadOnlyList<(Comparison Comparison, double? GoalRatio)>> RunAsync(int warmup, int iterations, double goalRatio)
    {
        using var admin = Ratio1Identity.Create();
        using var @operator = Ratio1Identity.Create();
        // Each timed create makes a pipeline: more than a node's default limit of live pipelines.
        await using var open = await TestSilo.StartAsync("bench-open", extraArgs: [ManyPipelines]);
        await using var secured = await TestSilo.StartAsync("bench-secured", extraArgs: [ManyPipelines, $"--Security:Admins:0={admin.Address}"]);
        await RegisterStoreNodeAsync(open);
        await RegisterStoreNodeAsync(secured);

        await using (var adminSession = await ConnectAsync(secured, admin))
        {
            await adminSession.GrantAccessAsync(Node, @operator.Address, AccessRole.Operator);
        }

        await using var unsigned = await ConnectAsync(open, identity: null);
        await using var signed = await ConnectAsync(secured, @operator);

        var created = await LatencySample.CompareAsync(
            "unsigned create (security off)", i => NewPipeline(unsigned, $"create-{(i < 0 ? "w" : string.Empty)}{Math.Abs(i)}").DeployAsync(DeployOptions.NoConfirmation),
            $"signed + verified create {Instances}-instance pipeline", i => NewPipeline(signed, $"create-{(i < 0 ? "w" : string.Empty)}{Math.Abs(i)}").DeployAsync(DeployOptions.NoConfirmation),
            warmup, iterations);

        var plain = NewPipeline(unsigned, "redeploy");
        var verified = NewPipeline(signed, "redeploy");
        await plain.DeployAsync(DeployOptions.NoConfirmation);
        await verified.DeployAsync(DeployOptions.NoConfirmation);
        var redeployed = await LatencySample.CompareAsync(
            "unsigned redeploy (security off)", i => Redeploy(plain, i),
            $"signed + verified redeploy {Instances}-instance pipeline", i => Redeploy(verified, i),
            warmup, iterations);

        // Where the cost is: the same signed redeploy on the silo with security off verifies the signature and records
        // the signer, but looks up no role.
        await using var signedOpen = await ConnectAsync(open, @operator);
        var verifiedOnly = NewPipeline(signedOpen, "redeploy-verified-only");
        await verifiedOnly.DeployAsync(DeployOptions.NoConfirmation);
        var withoutRoles = await LatencySample.CompareAsync(
            "unsigned redeploy (security off)", i => Redeploy(plain, i),
            "(breakdown) signed redeploy, security off: verified, no role lookup", i => Redeploy(verifiedOnly, i),
            warmup, iterations);
        return [(created, goalRatio), (redeployed, goalRatio), (withoutRoles, null)];
    }

    private static Task Redeploy(Pipeline pipeline, int i)
    {
        foreach (var instance in pipeline.Instances)
        {
            instance.UpdateConfig(new Dictionary<string, object?> { ["PROCESS_DELAY"] = i + 1000 });
        }

        return pipeline.DeployAsync(DeployOptions.NoConfirmation);
    }

    private static Task<Ratio1Session> ConnectAsync(TestSilo silo, Ratio1Identity? identity)
    {
        var options = silo.SessionOptions("bench");
        options.Identity = identity;
        return Ratio1Session.ConnectAsync(options);
    }

    // Through the silo's own grain factory: registering a node is the cluster's own call, not a client's.
    private static Task RegisterStoreNodeAsync(TestSilo silo) =>
        silo.Services.GetRequiredService<IGrainFactory>().GetNode(Node).RegisterAsync(new NodeRegistration(
            Node, Node, ImmutableDictionary<string, string>.Empty, silo.Catalog.Signatures, "bench", Environment.MachineName,
            silo.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToString(), DateTimeOffset.UtcNow, CaptureTypes: silo.Catalog.CaptureTypes));

    private static Pipeline NewPipeline(Ratio1Session session, string name)
    {
        var pipeline = session.CreatePipeline(Node, name, "Void");
        for (var i = 0; i < Instances; i++)
        {
            pipeline.CreatePluginInstance(i % 2 == 0 ? "ECHO_01" : "SENSOR_THRESHOLD_01", $"inst{i:D2}", new Dictionary<string, object?>
            {
                ["VALUE_KEY"] = "temperature",
                ["PROCESS_DELAY"] = 1,
                ["ALERT_RAISE_VALUE"] = 0.5,
                ["OBJECT_TYPE"] = new[] { "person", "car" },
            });
        }

        return pipeline;
    }
}
