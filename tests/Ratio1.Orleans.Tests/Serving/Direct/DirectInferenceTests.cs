using Ratio1.Orleans.Contracts;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Serving;
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
    private const string Node = InferencePair.Node;

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

    private Task<InferencePair> PairAsync(bool throughNodeSilo) => InferencePair.StartAsync(postgres.Server, files, throughNodeSilo);
}
