using Ratio1.Orleans.Client;
using Ratio1.Orleans.Testing;

namespace Ratio1.Orleans.Tests.Connection;

/// <summary>A session whose only silo is killed (<c>kill -9</c>) and started again reconnects by itself and carries on.</summary>
[Collection(SiloProcessCollection.Name)]
public sealed class SessionReconnectTests
{
    private const string Node = "edge-reconnect";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_session_keeps_receiving_a_pipelines_payloads_after_its_silo_is_killed_and_restarted_each_payload_once()
    {
        await using var silo = await SiloProcess.StartAsync(Node);
        await using var session = await silo.ConnectAsync();

        var (received, events) = await ReceiveAcrossKillAndRestartAsync(silo, session, payloadsAfterRestart: 5);

        Assert.Empty(received.Doubles);
        Assert.Single(events.Lost);
        Assert.Single(events.Reconnected);
        Assert.True(session.IsConnected);
    }

    /// <summary>
    /// Deploys a ticking pipeline, receives a few of its payloads, kills the silo, starts it again and waits for
    /// <paramref name="payloadsAfterRestart"/> more: what the session received and the connection events it raised.
    /// </summary>
    internal static async Task<(PayloadLog Received, ConnectionEvents Events)> ReceiveAcrossKillAndRestartAsync(SiloProcess silo, Ratio1Session session, int payloadsAfterRestart)
    {
        var events = new ConnectionEvents(session);
        var pipeline = await DeployTickingAsync(session);
        var received = new PayloadLog();
        await using var subscription = await pipeline.OnDataAsync(received.Add);
        await received.AtLeastAsync(3, Patience, "payloads before the kill");

        silo.Kill();
        await events.LostAsync(Patience);
        await silo.StartAgainAsync();
        await events.ReconnectedAsync(Patience);
        var beforeRestart = received.Count;
        await received.AtLeastAsync(beforeRestart + payloadsAfterRestart, Patience, "payloads after the restart");
        return (received, events);
    }

    internal static async Task<Pipeline> DeployTickingAsync(Ratio1Session session, string name = "ticking")
    {
        var pipeline = session.CreatePipeline(Node, name, "Void");
        pipeline.CreatePluginInstance("ECHO_01", "e1", new Dictionary<string, object?> { ["ALLOW_EMPTY_INPUTS"] = true, ["PROCESS_DELAY"] = 0.1 });
        await pipeline.DeployAsync();
        return pipeline;
    }
}
