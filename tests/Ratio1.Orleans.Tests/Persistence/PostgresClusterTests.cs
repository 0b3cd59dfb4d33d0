using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts.Nodes;
using Ratio1.Orleans.Testing;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Persistence;

/// <summary>Cluster mode: two silos share one PostgreSQL database for membership and state.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresClusterTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Two_silos_on_postgres_form_one_cluster_that_sees_each_others_nodes_and_pipelines()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        string[] cluster = ["--storage", "postgres", "--connection-string", connectionString, "--apply-schema", "--cluster-id", "pair"];
        await using var north = await TestSilo.StartAsync("edge-north", extraArgs: cluster);
        await using var south = await TestSilo.StartAsync("edge-south", extraArgs: cluster);
        var throughNorth = north.SessionOptions("ops-north");
        throughNorth.ClusterId = "pair";
        await using var viaNorth = await Ratio1Session.ConnectAsync(throughNorth);
        await using var viaSouth = await Ratio1Session.ConnectAsync(new Ratio1SessionOptions
        {
            MembershipConnectionString = connectionString,
            ClusterId = "pair",
            ClientName = "ops-discovery",
        });

        await viaNorth.DeployPipelineJsonAsync("edge-south", """{"NAME":"p","TYPE":"Void","PLUGINS":[{"SIGNATURE":"ECHO_01","INSTANCES":[{"INSTANCE_ID":"e1"}]}]}""");

        var nodes = await viaSouth.GetNodesAsync();
        Assert.Equal(["edge-north", "edge-south"], nodes.Select(n => n.NodeId).Order());
        Assert.All(nodes, n => Assert.Equal(NodeStatus.Online, n.Status));
        Assert.Equal(1, (await viaSouth.GetPipelineAsync("edge-south", "p")).Version);
    }
}
