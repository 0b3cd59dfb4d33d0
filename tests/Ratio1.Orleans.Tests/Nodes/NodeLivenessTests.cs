using Ratio1.Orleans.Contracts;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Messages;
using Ratio1.Orleans.Contracts.Nodes;
using Ratio1.Orleans.Testing;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Nodes;

/// <summary>A node's liveness is kept in its grain's memory: reading it costs no storage query.</summary>
public sealed class NodeLivenessTests
{
    [Fact]
    public async Task Liveness_and_an_embedded_instance_command_are_answered_while_the_database_is_down()
    {
        await using var server = await PostgresServer.StartAsync();
        var connectionString = await server.CreateDatabaseAsync();
        await using var silo = await TestSilo.StartAsync("edge-liveness", configure: SiloFixture.TestPluginsOn,
            extraArgs: ["--storage", "postgres", "--connection-string", connectionString, "--apply-schema"]);
        await using var session = await silo.ConnectAsync();
        await using var traffic = await TrafficRecorder.StartAsync(session, silo.NodeId, "probe");
        var pipeline = session.CreatePipeline(silo.NodeId, "probe", "Void");
        pipeline.CreatePluginInstance("PROBE_01", "p1");
        await pipeline.DeployAsync();

        await server.KillAsync();
        var info = await Record.ExceptionAsync(() => session.GetNodeAsync(silo.NodeId));
        var status = await session.Client.GetNode(silo.NodeId).GetStatusAsync();
        // Checking that the node is online before delivering the command used to list its pipelines in storage.
        var outcome = await session.UpdateInstanceAsync(silo.NodeId, "probe", "PROBE_01", "p1",
            ConfigMap.Parse("{\"INSTANCE_COMMAND\": {\"COMMAND\": \"RECALIBRATE\"}}"));
        await traffic.WaitUntilAsync(t => t.Notifications.Any(n => n.Code == NotificationCode.PluginInstanceCommandOk), what: "the command's confirmation");
        // Back up, so the silo shuts down cleanly rather than waiting on a dead database.
        await server.StartServerAsync();

        Assert.IsType<StorageUnavailableException>(info);
        Assert.Equal(NodeStatus.Online, status);
        Assert.False(outcome.Changed);
    }

    [Fact]
    public async Task A_running_node_is_online_and_one_that_never_registered_has_no_liveness()
    {
        await using var silo = await TestSilo.StartAsync("edge-liveness-known");
        await using var session = await silo.ConnectAsync();

        Assert.Equal(NodeStatus.Online, await session.Client.GetNode(silo.NodeId).GetStatusAsync());
        Assert.Null(await session.Client.GetNode("edge-never-seen").GetStatusAsync());
    }
}
