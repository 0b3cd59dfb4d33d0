using Ratio1.Orleans.Testing;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Connection;

/// <summary>
/// On PostgreSQL the silo keeps stream subscriptions in the database (a durable pub/sub store), so a client's
/// subscription can outlive a silo restart: subscribing again on reconnect must not make it two.
/// </summary>
[Collection(SiloProcessCollection.Name)]
public sealed class DurableSubscriptionReconnectTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const string Node = "edge-reconnect";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task With_durable_subscriptions_a_session_receives_each_payload_once_after_its_silo_is_killed_and_restarted()
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        await using var silo = await SiloProcess.StartAsync(Node, ["--storage", "postgres", "--connection-string", database, "--apply-schema"]);
        await using var session = await silo.ConnectAsync();
        var events = new ConnectionEvents(session);
        var pipeline = await SessionReconnectTests.DeployTickingAsync(session);
        var received = new PayloadLog();
        await using var subscription = await pipeline.OnDataAsync(received.Add);
        await received.AtLeastAsync(3, Patience, "payloads before the kill");

        silo.Kill();
        await events.LostAsync(Patience);
        await silo.StartAgainAsync();
        await events.ReconnectedAsync(Patience);
        var beforeRestart = received.Count;
        await received.AtLeastAsync(beforeRestart + 10, Patience, "payloads after the restart");

        Assert.Empty(received.Doubles);
        Assert.Single(events.Reconnected);
    }
}
