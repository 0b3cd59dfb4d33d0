using Ratio1.Orleans.Testing;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Runtime;

/// <summary>A plugin or a capture source built as its own assembly and dropped into a node's plugin folder runs like a built-in one.</summary>
public sealed class PluginFolderTests
{
    private static readonly string SamplePlugins = Path.Combine(AppContext.BaseDirectory, "sample-plugins");

    [Fact]
    public async Task A_plugin_dropped_into_the_plugin_folder_is_offered_and_runs()
    {
        var csv = Path.Combine(Directory.CreateTempSubdirectory("r1-dew-").FullName, "air.csv");
        await File.WriteAllLinesAsync(csv, ["temperature,humidity", "20,50", "15,95"]);
        await using var silo = await TestSilo.StartAsync("edge-plugins", extraArgs: ["--plugin-folder", SamplePlugins]);
        await using var session = await silo.ConnectAsync();
        await using var traffic = await TrafficRecorder.StartAsync(session, silo.NodeId, "air");
        var pipeline = session.CreatePipeline(silo.NodeId, "air", "StructuredFile", new Dictionary<string, object?> { ["URL"] = csv, ["CAP_RESOLUTION"] = 20 });
        pipeline.CreatePluginInstance("DEW_POINT_01", "d1");

        await pipeline.DeployAsync();
        await traffic.WaitUntilAsync(t => t.Payloads.Count >= 2, what: "dew points");

        Assert.Contains("DEW_POINT_01", (await session.GetNodeAsync(silo.NodeId)).Signatures);
        Assert.Equal([(9.26, false), (14.2, true)], traffic.Payloads.Select(p => (p.Data["DEW_POINT"].AsDouble(), p.Data["CONDENSATION_RISK"].AsBoolean())));
    }

    [Fact]
    public async Task A_capture_source_dropped_into_the_plugin_folder_is_offered_runs_and_takes_its_commands()
    {
        await using var silo = await TestSilo.StartAsync("edge-sources", extraArgs: ["--plugin-folder", SamplePlugins]);
        await using var session = await silo.ConnectAsync();
        await using var traffic = await TrafficRecorder.StartAsync(session, silo.NodeId, "wave");
        var pipeline = session.CreatePipeline(silo.NodeId, "wave", "SineWave", new Dictionary<string, object?>
        {
            ["CAP_RESOLUTION"] = 50,
            ["AMPLITUDE"] = 2,
            ["OFFSET"] = 10,
            ["SAMPLES_PER_PERIOD"] = 4,
            ["COUNT"] = 4,
        });
        pipeline.CreatePluginInstance("ECHO_01", "e1", new Dictionary<string, object?> { ["MAX_INPUTS_QUEUE_SIZE"] = 16 });

        await pipeline.DeployAsync();
        await traffic.WaitUntilAsync(t => t.Payloads.Count >= 4, what: "one wave");
        var refused = await Assert.ThrowsAsync<Ratio1.Orleans.Client.CommandFailedException>(() => pipeline.SendCommandAsync("REWIND"));
        var bad = await Assert.ThrowsAsync<Ratio1.Orleans.Contracts.Errors.InvalidConfigException>(() =>
            session.UpdatePipelineAsync(silo.NodeId, "wave", new Dictionary<string, object?> { ["SAMPLES_PER_PERIOD"] = 1 }));

        var source = silo.Catalog.FindCapture("sinewave")!;
        Assert.EndsWith("Ratio1.Orleans.Examples.SineWave.dll", source.Origin);
        Assert.NotSame(System.Runtime.Loader.AssemblyLoadContext.Default, System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(source.ClrType.Assembly));
        Assert.Equal([10.0, 12.0, 10.0, 8.0], traffic.Payloads.Take(4).Select(p => Math.Round(p.Data["DATA"].Fields["VALUE"].AsDouble(), 6)));
        Assert.Contains("takes no pipeline command \"REWIND\"", refused.Message);
        Assert.Equal(("SAMPLES_PER_PERIOD", "1"), (bad.Field, bad.Value));
    }

    [Fact]
    public async Task The_plugin_is_loaded_in_its_own_context_sharing_the_plugin_api_with_the_node()
    {
        await using var silo = await TestSilo.StartAsync("edge-isolated", extraArgs: ["--plugin-folder", SamplePlugins]);

        var catalog = silo.Catalog;
        var plugin = catalog.FindPlugin("DEW_POINT_01")!;
        var context = System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(plugin.Type.Assembly)!;

        Assert.NotSame(System.Runtime.Loader.AssemblyLoadContext.Default, context);
        Assert.Same(typeof(Ratio1.Orleans.Plugins.BusinessPlugin).Assembly, plugin.Type.BaseType!.BaseType!.Assembly);
        Assert.EndsWith("Ratio1.Orleans.Examples.DewPoint.dll", plugin.Origin);
    }

    [Fact]
    public async Task A_plugin_folder_that_does_not_exist_stops_the_silo_naming_it()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => TestSilo.StartAsync("edge-nofolder", extraArgs: ["--plugin-folder", "/no/such/folder"]));

        Assert.Contains("/no/such/folder", error.Message);
    }
}
