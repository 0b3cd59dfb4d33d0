using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Testing;

namespace Ratio1.Orleans.Tests.Serving.Engine;

/// <summary>Where a node's models come from when its silo starts: the client registry (stored) and the silo's settings.</summary>
public sealed class NodeModelsTests(SampleModelFiles files) : IClassFixture<SampleModelFiles>
{
    [Fact]
    public async Task Models_added_by_a_client_are_served_again_after_the_silo_restarts()
    {
        await using var silo = await TestSilo.StartAsync("models-restart");
        await using (var session = await silo.ConnectAsync())
        {
            await session.AddModelAsync(silo.NodeId, files.LinearDeclaration("kept", version: "7"));
        }

        await silo.RestartAsync();

        await using var after = await silo.ConnectAsync();
        var model = Assert.Single(await after.GetModelsAsync(silo.NodeId));
        Assert.Equal(("kept", "7", ModelState.Loaded, "registry"), (model.Name, model.Version, model.State, model.Source));
        Assert.Equal(3, (await after.InferAsync(silo.NodeId, "kept", InferenceInput.FromTensor("x", [4], [1, 2, 3, 4]))).Outputs[0].Values.Length);
    }

    [Fact]
    public async Task A_model_removed_while_its_node_is_down_is_not_loaded_when_the_node_starts()
    {
        var data = Path.Combine(Path.GetTempPath(), "r1-models-down-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await using (var edge = await TestSilo.StartAsync("models-edge", data))
            {
                await using var session = await edge.ConnectAsync();
                await session.AddModelAsync(edge.NodeId, files.LinearDeclaration("dropped"));
            }

            // Another node's silo on the same storage, while models-edge is down.
            await using (var other = await TestSilo.StartAsync("models-other", data))
            {
                await using var session = await other.ConnectAsync();
                await session.RemoveModelAsync("models-edge", "dropped");
            }

            await using var again = await TestSilo.StartAsync("models-edge", data);
            await using var client = await again.ConnectAsync();
            Assert.Empty(await client.GetModelsAsync(again.NodeId));
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    [Fact]
    public async Task A_model_declared_in_the_silo_settings_is_served_at_start_and_clients_cannot_remove_it()
    {
        await using var silo = await TestSilo.StartAsync("models-config", extraArgs:
            ["--Serving:Models:0:Name=configured", $"--Serving:Models:0:Path={files.LinearPath}", "--Serving:Models:0:MaxBatchSize=8"]);
        await using var session = await silo.ConnectAsync();

        var model = Assert.Single(await session.GetModelsAsync(silo.NodeId));
        var removal = await Assert.ThrowsAsync<InvalidConfigException>(() => session.RemoveModelAsync(silo.NodeId, "configured"));
        var replacement = await Assert.ThrowsAsync<InvalidConfigException>(() => session.AddModelAsync(silo.NodeId, files.LinearDeclaration("configured", "2")));

        Assert.Equal(("configured", ModelState.Loaded, "config", 8), (model.Name, model.State, model.Source, model.MaxBatchSize));
        Assert.Contains("Serving:Models", removal.Message);
        Assert.Equal("Name", replacement.Field);
    }

    [Fact]
    public async Task A_settings_model_that_cannot_load_is_reported_failed_with_its_reason_and_the_node_still_runs()
    {
        await using var silo = await TestSilo.StartAsync("models-broken", extraArgs:
            ["--Serving:Models:0:Name=broken", $"--Serving:Models:0:Path={files.CorruptPath}", "--Serving:Models:1:Name=fine", $"--Serving:Models:1:Path={files.LinearPath}"]);
        await using var session = await silo.ConnectAsync();

        var models = await session.GetModelsAsync(silo.NodeId);

        var broken = Assert.Single(models, m => m.Name == "broken");
        Assert.Equal(ModelState.Failed, broken.State);
        Assert.Contains("not a valid ONNX model", broken.Reason);
        Assert.Equal(ModelState.Loaded, Assert.Single(models, m => m.Name == "fine").State);
        await Assert.ThrowsAsync<InferenceFailedException>(() => session.InferAsync(silo.NodeId, "broken", InferenceInput.FromTensor("x", [4], [1, 2, 3, 4])));
    }

    [Fact]
    public async Task Adding_a_model_to_a_node_that_never_registered_is_refused_naming_the_known_nodes()
    {
        await using var silo = await TestSilo.StartAsync("models-known");
        await using var session = await silo.ConnectAsync();

        var error = await Assert.ThrowsAsync<NodeNotFoundException>(() => session.AddModelAsync("never-registered", files.LinearDeclaration("m")));

        Assert.Contains("models-known", error.KnownNodes);
    }
}
