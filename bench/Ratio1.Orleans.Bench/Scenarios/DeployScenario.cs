using System.Collections.Immutable;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Ratio1.Orleans.Bench.Measurement;
using Ratio1.Orleans.Bench.Probes;
using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts;
using Ratio1.Orleans.Contracts.Nodes;
using Ratio1.Orleans.Storage.Serialization;
using Ratio1.Orleans.Testing;

namespace Ratio1.Orleans.Bench.Scenarios;

/// <summary>
/// Issue #2's target: deploying a 10-instance pipeline, confirmed (the call returns each instance's outcome once the
/// change is stored), against a bare grain call that writes one state, through the same external client and storage.
/// The pipelines go to a registered node that no silo runs, so what is measured is the control plane (validation,
/// storage, history) and not a thousand pipelines starting on the benchmark's own node.
/// </summary>
public static class DeployScenario
{
    private const string Node = "bench-store";
    private const int Instances = 10;
    private const string Baseline = "baseline: grain call + 1 state write";

    // The call returns once the change is stored and validated; no node runs it, so there is no runtime confirmation.
    private static readonly DeployOptions Stored = DeployOptions.NoConfirmation;

    public static async Task<IReadOnlyList<(Comparison Comparison, double? GoalRatio)>> RunAsync(string[] siloArgs, int warmup, int iterations, double goalRatio, int confirmedIterations = 0)
    {
        // Each timed create makes a pipeline: more than a node's default limit of live pipelines.
        await using var silo = await TestSilo.StartAsync("bench-node", configure: RegisterProbe, extraArgs: [.. siloArgs, "--Limits:MaxPipelinesPerNode=1000000"]);
        await using var session = await silo.ConnectAsync("bench");
        await session.Client.GetNode(Node).RegisterAsync(new NodeRegistration(
            Node, Node, ImmutableDictionary<string, string>.Empty, silo.Catalog.Signatures, "bench", Environment.MachineName,
            silo.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToString(), DateTimeOffset.UtcNow, CaptureTypes: silo.Catalog.CaptureTypes));
        var probe = session.Client.GetGrain<IStateWriteProbeGrain>("probe:baseline");
        Task BaselineCall(int i) => probe.WriteAsync(i);

        // Not a target: the floor of any create is activating a fresh grain (which reads its state) and writing.
        var floor = await LatencySample.CompareAsync(Baseline, BaselineCall, "(floor) new grain: activate + 1 state write",
            i => session.Client.GetGrain<IStateWriteProbeGrain>($"probe:fresh:{i}").WriteAsync(i), warmup, iterations);

        var created = await LatencySample.CompareAsync(Baseline, BaselineCall, $"create {Instances}-instance pipeline",
            i => NewPipeline(session, $"create-{(i < 0 ? "w" : string.Empty)}{Math.Abs(i)}").DeployAsync(Stored), warmup, iterations);

        var pipeline = NewPipeline(session, "redeploy");
        await pipeline.DeployAsync(Stored);
        var redeployed = await LatencySample.CompareAsync(Baseline, BaselineCall, $"redeploy {Instances}-instance pipeline (whole config)", i =>
        {
            // A capture change plus every instance: sent whole, as UPDATE_CONFIG.
            pipeline.UpdateCaptureConfig(new Dictionary<string, object?> { ["CAP_RESOLUTION"] = 1 + (Math.Abs(i) % 50) });
            foreach (var instance in pipeline.Instances)
            {
                instance.UpdateConfig(new Dictionary<string, object?> { ["PROCESS_DELAY"] = i + 1000 });
            }

            return pipeline.DeployAsync(Stored);
        }, warmup, iterations);

        var batched = await LatencySample.CompareAsync(Baseline, BaselineCall, $"update all {Instances} instances (batch)", i =>
        {
            foreach (var instance in pipeline.Instances)
            {
                instance.UpdateConfig(new Dictionary<string, object?> { ["ALERT_RAISE_VALUE"] = i / 1000.0 });
            }

            return pipeline.DeployAsync(Stored);
        }, warmup, iterations);

        if (confirmedIterations <= 0)
        {
            return [(floor, null), (created, goalRatio), (redeployed, goalRatio), (batched, goalRatio)];
        }

        var confirmed = await ConfirmedAsync(session, silo.NodeId, Math.Max(10, confirmedIterations / 5), confirmedIterations);
        return [(floor, null), (created, goalRatio), (redeployed, goalRatio), (batched, goalRatio), (confirmed, null)];
    }

    /// <summary>
    /// Creating a 10-instance pipeline on the running node until every instance answered <c>PLUGIN_CONFIG_OK</c>,
    /// against the same create without waiting (its baseline here), alternating; each pipeline is deleted, untimed,
    /// before the next, so the node runs at most one of them at a time.
    /// </summary>
    private static async Task<Comparison> ConfirmedAsync(Ratio1Session session, string node, int warmup, int iterations)
    {
        var unconfirmed = new LatencySample($"create {Instances}-instance pipeline on the running node, unconfirmed");
        var confirmed = new LatencySample($"create {Instances}-instance pipeline, confirmed (PLUGIN_CONFIG_OK)");
        for (var i = -warmup; i < iterations; i++)
        {
            foreach (var (sample, options, kind) in new[] { (unconfirmed, Stored, "u"), (confirmed, DeployOptions.Default, "c") })
            {
                var pipeline = RunnablePipeline(session, node, $"run-{kind}{(i < 0 ? "w" : string.Empty)}{Math.Abs(i)}");
                if (i < 0)
                {
                    await pipeline.DeployAsync(options);
                }
                else
                {
                    await sample.TimeAsync(() => pipeline.DeployAsync(options));
                }

                await session.DeletePipelineAsync(node, pipeline.Name);
            }
        }

        return new Comparison(unconfirmed, confirmed);
    }

    private static Pipeline RunnablePipeline(Ratio1Session session, string node, string name)
    {
        var pipeline = session.CreatePipeline(node, name, "Void");
        for (var i = 0; i < Instances; i++)
        {
            pipeline.CreatePluginInstance(i % 2 == 0 ? "ECHO_01" : "SENSOR_THRESHOLD_01", $"inst{i:D2}", new Dictionary<string, object?>
            {
                ["VALUE_KEY"] = "temperature",
                ["PROCESS_DELAY"] = 1,
                ["ALERT_RAISE_VALUE"] = 0.5,
            });
        }

        return pipeline;
    }

    private static Pipeline NewPipeline(Ratio1Session session, string name)
    {
        var pipeline = session.CreatePipeline(Node, name, "VideoFile", new Dictionary<string, object?> { ["URL"] = "/data/cam.mp4", ["CAP_RESOLUTION"] = 10 });
        for (var i = 0; i < Instances; i++)
        {
            pipeline.CreatePluginInstance(i % 2 == 0 ? "ECHO_01" : "SENSOR_THRESHOLD_01", $"inst{i:D2}", new Dictionary<string, object?>
            {
                ["VALUE_KEY"] = "temperature",
                ["PROCESS_DELAY"] = 1,
                ["AI_ENGINE"] = "lowres_general_detector",
                ["ALERT_RAISE_VALUE"] = 0.5,
                ["OBJECT_TYPE"] = new[] { "person", "car" },
            });
        }

        return pipeline;
    }

    private static void RegisterProbe(WebApplicationBuilder builder) =>
        builder.Services.AddStateContract(new StateContract<ProbeState>("bench.probe", 1, ProbeJsonContext.Default.ProbeState));
}
