using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Serving;
using Ratio1.Orleans.Testing;
using Ratio1.Orleans.Tests.Infrastructure;
using Ratio1.Orleans.Tests.Serving.Engine;

namespace Ratio1.Orleans.Tests.Serving.Direct;

/// <summary>
/// A client's inference request goes straight to the node's runtime (resolved once through the node grain), in a
/// cluster of two real silos on PostgreSQL: the node runs on one, the client connects through the other.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DirectInferenceTests(PostgresFixture postgres, SampleModelFiles files) : IClassFixture<SampleModelFiles>
{
    private const string Node = "edge-south";

    [Fact]
    public async Task A_client_of_the_nodes_own_silo_puts_the_input_on_the_wire_once()
    {
        await using var cluster = await PairAsync(throughNodeSilo: true);
        var image = new InferenceImage(512, 512, new byte[512 * 512 * 3]);
        var input = InferenceInput.FromImage(image);
        await cluster.Session.InferAsync(Node, cluster.Model, input);
        await cluster.Session.Client.GetNode(Node).InferAsync(cluster.Model, input, ConfigMap.Empty);

        using var wire = new WireBytes();
        var direct = await wire.CountAsync(() => cluster.Session.InferAsync(Node, cluster.Model, input));
        var viaNodeGrain = await wire.CountAsync(() => cluster.Session.Client.GetNode(Node).InferAsync(cluster.Model, input, ConfigMap.Empty));

        // Once, plus headers, the answer and whatever else the silos said meanwhile; through the node grain it crossed
        // once more for every silo boundary between the gateway, the node grain and the runtime.
        Assert.InRange(direct, image.Rgb24.Length, image.Rgb24.Length + (image.Rgb24.Length / 4));
        Assert.True(viaNodeGrain >= direct, $"through the node grain {viaNodeGrain} bytes, directly {direct}");
    }

    [Fact]
    public async Task A_client_of_another_silo_reaches_the_node_and_gets_what_the_model_computes()
    {
        await using var cluster = await PairAsync(throughNodeSilo: false);
        var input = InferenceInput.FromImage(SampleModelFiles.Squares((1, 1, 255, 0, 0)));

        var direct = await cluster.Session.InferAsync(Node, cluster.Model, input);
        var viaNodeGrain = await cluster.Session.Client.GetNode(Node).InferAsync(cluster.Model, input, ConfigMap.Empty);

        Assert.Equal(viaNodeGrain.Outputs[0].Values, direct.Outputs[0].Values);
        Assert.Equal(viaNodeGrain.Classes.Select(c => c.Label), direct.Classes.Select(c => c.Label));
    }

    [Fact]
    public async Task A_request_to_a_node_whose_silo_stopped_fails_with_NodeUnavailableException()
    {
        await using var cluster = await PairAsync(throughNodeSilo: false);
        var input = InferenceInput.FromImage(SampleModelFiles.Squares((1, 1, 255, 0, 0)));
        await cluster.Session.InferAsync(Node, cluster.Model, input);

        await cluster.South.StopAsync();
        var error = await Assert.ThrowsAsync<NodeUnavailableException>(() => cluster.Session.InferAsync(Node, cluster.Model, input));

        Assert.Equal(Node, error.Node);
        Assert.Contains(cluster.Model, error.Message);
    }

    [Fact]
    public async Task After_the_nodes_silo_restarts_the_next_request_reaches_the_new_runtime()
    {
        await using var cluster = await PairAsync(throughNodeSilo: false);
        var input = InferenceInput.FromImage(SampleModelFiles.Squares((1, 1, 255, 0, 0)));
        var before = await cluster.Session.InferAsync(Node, cluster.Model, input);

        await cluster.South.RestartAsync();
        await cluster.Session.WaitForNodeAsync(Node, TimeSpan.FromSeconds(30));
        var after = await cluster.Session.InferAsync(Node, cluster.Model, input);

        Assert.Equal(before.Outputs[0].Values, after.Outputs[0].Values);
    }

    private async Task<Pair> PairAsync(bool throughNodeSilo)
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        string[] args = ["--storage", "postgres", "--connection-string", connectionString, "--apply-schema", "--cluster-id", "infer"];
        var north = await TestSilo.StartAsync("edge-north", extraArgs: args);
        var south = await TestSilo.StartAsync(Node, extraArgs: args);
        var options = (throughNodeSilo ? south : north).SessionOptions("infer-client");
        options.ClusterId = "infer";
        var session = await Ratio1Session.ConnectAsync(options);
        var model = "conv-" + Guid.NewGuid().ToString("N")[..8];
        await session.AddModelAsync(Node, files.ConvDeclaration(model));
        return new Pair(north, south, session, model);
    }

    private sealed record Pair(TestSilo North, TestSilo South, Ratio1Session Session, string Model) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Session.DisposeAsync();
            await South.DisposeAsync();
            await North.DisposeAsync();
        }
    }
}
