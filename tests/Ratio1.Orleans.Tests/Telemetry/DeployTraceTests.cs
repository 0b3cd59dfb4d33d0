using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Ratio1.Orleans.Contracts.Diagnostics;
using Ratio1.Orleans.Testing;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Telemetry;

/// <summary>
/// A deploy can be followed as one trace: from the client's call, through the grain calls and the deploy's stages in
/// the control plane and on the node, to the first execution of the plugin it started; the silo's spans name their node.
/// </summary>
[Collection(TracingCollection.Name)]
public sealed class DeployTraceTests
{
    [Fact]
    public async Task One_deploy_is_one_connected_trace_from_the_client_call_to_the_plugins_first_execution()
    {
        var spans = new RecordedSpans();
        // No reconcile: the pipeline must start from the deploy's push, as it does in production.
        await using var silo = await TestSilo.StartAsync("edge-traced", configure: b => Traced(b, spans), extraArgs: ["--Node:ReconcileSeconds=3600"]);
        await using var session = await silo.ConnectAsync();
        var pipeline = session.CreatePipeline(silo.NodeId, "traced", "Void");
        pipeline.CreatePluginInstance("ECHO_01", "e1", new Dictionary<string, object?> { ["PROCESS_DELAY"] = 0.3, ["ALLOW_EMPTY_INPUTS"] = true });

        await pipeline.DeployAsync();
        await Until(() => Executions(spans).Count() >= 3, "three executions of the deployed instance");

        var deploy = Assert.Single(spans.Snapshot(), s => s.OperationName == "ratio1.deploy");
        var trace = spans.Snapshot().Where(s => s.TraceId == deploy.TraceId).ToList();
        Assert.Equal(default, deploy.ParentSpanId);
        Assert.Equal((silo.NodeId, "traced"), (Tag(deploy, Ratio1Tracing.NodeAttribute), Tag(deploy, Ratio1Tracing.PipelineAttribute)));

        // Connected: every span but the client's hangs from another span of the same trace.
        var ids = trace.Select(s => s.SpanId).ToHashSet();
        Assert.All(trace.Where(s => s != deploy), s => Assert.True(ids.Contains(s.ParentSpanId), $"{s.Source.Name}/{s.OperationName} hangs from a span outside the trace"));

        // Through Orleans' grain calls (the context crossed from the client to the silo) and every stage of the deploy.
        Assert.Contains(trace, s => s.Source.Name == "Microsoft.Orleans.Application" && s.Kind == ActivityKind.Server);
        foreach (var stage in new[] { "ratio1.deploy.validate", "ratio1.deploy.write", "ratio1.deploy.push", "ratio1.deploy.apply", "ratio1.deploy.confirm" })
        {
            Assert.Contains(trace, s => s.OperationName == stage);
        }

        // To the first execution only; the later ones are traces of their own.
        var execution = Assert.Single(trace, s => s.OperationName == "ratio1.instance.execute");
        Assert.Equal(Executions(spans).OrderBy(s => s.StartTimeUtc).First(), execution);
        Assert.Equal((silo.NodeId, "traced", "ECHO_01", "e1"), (Tag(execution, Ratio1Tracing.NodeAttribute), Tag(execution, Ratio1Tracing.PipelineAttribute),
            Tag(execution, Ratio1Tracing.SignatureAttribute), Tag(execution, Ratio1Tracing.InstanceAttribute)));
    }

    [Fact]
    public async Task The_silos_traces_name_the_node_as_the_service_instance()
    {
        var spans = new RecordedSpans();
        await using var silo = await TestSilo.StartAsync("edge-named", configure: b => Traced(b, spans));

        var resource = silo.Services.GetRequiredService<TracerProvider>().GetResource().Attributes.ToDictionary(a => a.Key, a => a.Value);

        Assert.Equal("ratio1-silo", resource["service.name"]);
        Assert.Equal("edge-named", resource["service.instance.id"]);
        Assert.Equal("edge-named", resource[Ratio1Tracing.NodeAttribute]);
    }

    // What a host adds to record the silo's spans; the silo itself subscribes to the sources and names the resource.
    private static void Traced(WebApplicationBuilder builder, RecordedSpans spans)
    {
        SiloFixture.TestPluginsOn(builder);
        builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddInMemoryExporter(spans));
    }

    private static IEnumerable<Activity> Executions(RecordedSpans spans) =>
        spans.Snapshot().Where(s => s.OperationName == "ratio1.instance.execute" && Tag(s, Ratio1Tracing.PipelineAttribute) == "traced");

    private static string? Tag(Activity span, string name) => span.GetTagItem(name)?.ToString();

    private static async Task Until(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(50, timeout.Token).ContinueWith(t => Assert.False(t.IsCanceled, $"Timed out waiting for {what}"), TaskScheduler.Default);
        }
    }
}
