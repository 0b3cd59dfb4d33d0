using Ratio1.Orleans.Client;
using Ratio1.Orleans.Testing;

namespace Ratio1.Orleans.Tests.Connection;

/// <summary>A call that cannot reach the cluster, or loses the connection in flight, fails with the retryable <see cref="ConnectionLostException"/>.</summary>
[Collection(SiloProcessCollection.Name)]
public sealed class ConnectionLostTests
{
    private const string Node = "edge-reconnect";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_change_in_flight_when_the_silo_is_killed_fails_at_once_with_the_retryable_ConnectionLostException()
    {
        await using var silo = await SiloProcess.StartAsync(Node);
        await using var session = await silo.ConnectAsync();
        var pipeline = await SessionReconnectTests.DeployTickingAsync(session);

        // Frozen, the silo takes the request and never answers: it is in flight when the silo dies.
        silo.Pause();
        var change = session.UpdateInstanceAsync(Node, pipeline.Name, "ECHO_01", "e1", new Dictionary<string, object?> { ["MESSAGE"] = "changed" }, expectedVersion: pipeline.Version);
        await Task.Delay(300);
        Assert.False(change.IsCompleted);
        silo.Kill();

        // A wait for the response timeout (30 s) would end in a TimeoutException instead.
        var error = await Assert.ThrowsAsync<ConnectionLostException>(() => change);
        Assert.True(error.IsRetryable);
        Assert.Equal("IPipelineGrain.UpdateInstancesAsync", error.Operation);
        Assert.Contains("may or may not have been applied", error.Message);
    }

    [Fact]
    public async Task Calls_while_the_silo_is_down_fail_within_their_timeout_with_ConnectionLostException_and_succeed_once_it_is_back()
    {
        await using var silo = await SiloProcess.StartAsync(Node);
        var options = silo.SessionOptions();
        options.ResponseTimeout = TimeSpan.FromSeconds(5);
        await using var session = await Ratio1Session.ConnectAsync(options);
        var events = new ConnectionEvents(session);
        var pipeline = await SessionReconnectTests.DeployTickingAsync(session);

        silo.Kill();
        await events.LostAsync(Patience);
        pipeline.UpdateInstanceConfig("ECHO_01", "e1", new Dictionary<string, object?> { ["MESSAGE"] = "changed" });
        Func<Task>[] calls =
        [
            () => session.GetPipelinesAsync(Node),
            () => pipeline.DeployAsync(),
            () => pipeline.Instances[0].GetAsync(),
            () => session.OnNodeHeartbeatAsync(Node, _ => Task.CompletedTask),
        ];
        foreach (var call in calls)
        {
            // Bounded by far more than the response timeout: a call that hung would fail this with a TimeoutException.
            var error = await Assert.ThrowsAsync<ConnectionLostException>(() => call().WaitAsync(options.ResponseTimeout * 3));
            Assert.True(error.IsRetryable);
        }

        Assert.False(session.IsConnected);
        await silo.StartAgainAsync();
        await events.ReconnectedAsync(Patience);
        var outcome = await pipeline.DeployAsync();
        Assert.Equal(pipeline.Version, outcome.Version);
        Assert.Contains(await session.GetPipelinesAsync(Node), p => p.Name == pipeline.Name && p.Version == outcome.Version);
    }
}
