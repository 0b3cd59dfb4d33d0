using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Testing;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Capture;

/// <summary>
/// In a cluster a pipeline grain may live on any silo; it checks a deploy against the capture types the target node
/// registered, not against the catalog of the silo it happens to run on.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterCaptureValidationTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Every_silo_checks_a_deploy_against_the_capture_types_of_the_target_node()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        string[] cluster = ["--storage", "postgres", "--connection-string", connectionString, "--apply-schema", "--cluster-id", "captures"];
        // Only the north node offers the test capture type TEST_COMMANDS.
        await using var north = await TestSilo.StartAsync("edge-north", configure: SiloFixture.TestPluginsOn, extraArgs: cluster);
        await using var south = await TestSilo.StartAsync("edge-south", extraArgs: cluster);
        var options = south.SessionOptions("ops");
        options.ClusterId = "captures";
        await using var session = await Ratio1Session.ConnectAsync(options);

        // Several pipelines, so their grains are placed on both silos.
        var names = Enumerable.Range(0, 8).Select(i => $"commands-{i}").ToList();
        foreach (var name in names)
        {
            await session.DeployPipelineJsonAsync("edge-north", Pipeline(name));
            var error = await Assert.ThrowsAsync<InvalidConfigException>(() => session.DeployPipelineJsonAsync("edge-south", Pipeline(name)));
            Assert.Equal(("TYPE", "\"TEST_COMMANDS\""), (error.Field, error.Value));
        }

        Assert.Equal(names, (await session.GetPipelinesAsync("edge-north")).Select(p => p.Name).Order());
        Assert.Empty(await session.GetPipelinesAsync("edge-south"));
    }

    private static string Pipeline(string name) =>
        $$"""{"NAME":"{{name}}","TYPE":"TEST_COMMANDS","PLUGINS":[{"SIGNATURE":"ECHO_01","INSTANCES":[{"INSTANCE_ID":"e1"}]}]}""";
}
