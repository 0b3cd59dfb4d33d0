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

    [Fact]
    public async Task With_durable_subscriptions_a_session_receives_each_payload_once_after_its_silo_is_killed_and_restarted()
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        await using var silo = await SiloProcess.StartAsync(Node, ["--storage", "postgres", "--connection-string", database, "--apply-schema"]);
        await using var session = await silo.ConnectAsync();

        var (received, events) = await SessionReconnectTests.ReceiveAcrossKillAndRestartAsync(silo, session, payloadsAfterRestart: 10);

        Assert.Empty(received.Doubles);
        Assert.Single(events.Reconnected);
    }
}
