using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Testing;
using Ratio1.Orleans.Tests.Infrastructure;
using static Ratio1.Orleans.Tests.Capture.PayloadFields;

namespace Ratio1.Orleans.Tests.Capture;

/// <summary>NetworkListener across nodes: two silos of one cluster on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class NetworkListenerClusterTests(PostgresFixture postgres)
{
    // It used to lose the first deploy's PLUGIN_CONFIG_OK now and then: the memory queues move to the second silo as it
    // joins, and the first silo's pulling agent, shutting down, took the notification from its queue and dropped it
    // (see TrafficQueueReceiver).
    [Fact]
    public async Task A_NetworkListener_on_one_node_hears_a_pipeline_of_another_node()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        string[] cluster = ["--storage", "postgres", "--connection-string", connectionString, "--apply-schema", "--cluster-id", "listeners"];
        await using var north = await TestSilo.StartAsync("edge-north", extraArgs: cluster);
        await using var south = await TestSilo.StartAsync("edge-south", extraArgs: cluster);
        var options = north.SessionOptions("ops");
        options.ClusterId = "listeners";
        await using var session = await Ratio1Session.ConnectAsync(options);
        var echoes = new Inbox<Payload>();
        await using var _ = await session.OnPipelinePayloadAsync("edge-south", "listener", echoes.AddAsync);

        var talker = session.CreatePipeline("edge-north", "talker", "Void");
        talker.CreatePluginInstance("ECHO_01", "e1", new Dictionary<string, object?> { ["ALLOW_EMPTY_INPUTS"] = true, ["PROCESS_DELAY"] = 0.2, ["MESSAGE"] = "from-north" });
        // A cluster just formed on a busy machine can take longer than the default 15 s to confirm its first deploy.
        var patient = new DeployOptions { Timeout = TimeSpan.FromSeconds(45) };
        await talker.DeployAsync(patient);
        var listener = session.CreatePipeline("edge-south", "listener", "NetworkListener",
            new Dictionary<string, object?> { ["PATH_FILTER"] = new object?[] { "edge-north", "talker", "ECHO_01", null } });
        listener.CreatePluginInstance("ECHO_01", "echo", new Dictionary<string, object?> { ["MAX_INPUTS_QUEUE_SIZE"] = 64, ["PROCESS_DELAY"] = 0 });
        await listener.DeployAsync(patient);

        var received = await echoes.WaitUntilAsync(r => r.Any(p => Text(p, "DATA", "MESSAGE") == "from-north"), TimeSpan.FromSeconds(20), "edge-south's listener echoes edge-north's talker");
        Assert.Equal("edge-north", Text(received.First(p => Text(p, "DATA", "MESSAGE") == "from-north"), "METADATA", "NODE"));
    }
}
