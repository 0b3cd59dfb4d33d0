using System.Diagnostics;
using Ratio1.Orleans.Client;
using Ratio1.Orleans.Testing;
using Ratio1.Orleans.Tests.Connection;

namespace Ratio1.Orleans.Tests.Cluster;

/// <summary>
/// A client of a three-silo cluster (three nodes on one private PostgreSQL) loses the gateway it uses (<c>kill -9</c>
/// of that silo) while it watches a pipeline of a surviving node and calls the cluster.
/// </summary>
[Collection(SiloProcessCollection.Name)]
public sealed class ClientFailoverTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_client_carries_on_through_the_other_gateways_when_the_one_it_uses_dies(bool discoverGateways)
    {
        await using var database = await PostgresServer.StartAsync();
        var connectionString = await database.CreateDatabaseAsync();
        await using var silos = await SiloCluster.StartAsync(connectionString, ["edge-fo-a", "edge-fo-b", "edge-fo-c"], restartOnFailure: false);
        var options = new Ratio1SessionOptions
        {
            Gateways = [.. silos.Silos.Select(s => $"127.0.0.1:{s.GatewayPort}")],
            MembershipConnectionString = discoverGateways ? connectionString : null,
            ClusterId = silos.ClusterId,
            ClientName = "failover",
            ConnectTimeout = Patience,
            ResponseTimeout = ResponseTimeout,
        };
        await using var session = await Ratio1Session.ConnectAsync(options);
        // A few calls open the session's gateway connections (Orleans spreads calls over the gateways by grain).
        foreach (var silo in silos.Silos)
        {
            await session.WaitForNodeAsync(silo.NodeId, Patience);
        }

        var victim = await silos.GatewayWithClientsAsync();
        var watched = silos.Silos.First(s => s != victim);
        var received = new PayloadLog();
        await using var subscription = await (await DeployTickingAsync(session, watched.NodeId)).OnDataAsync(received.Add);
        await received.AtLeastAsync(3, Patience, "payloads before the kill");

        var losses = 0;
        session.GatewayLost += (_, _) => Interlocked.Increment(ref losses);
        session.ConnectionLost += (_, _) => Interlocked.Increment(ref losses);
        await using var calls = CallLoop.Start(session, watched.NodeId);
        victim.Kill();
        var atKill = received.Count;
        // Usually within seconds of the kill (the cluster declares the silo dead, its queues move); about one run in ten
        // the survivor's pulling agent held the payloads longer than 30 s, an open question (see the helper's report).
        await received.AtLeastAsync(atKill + 10, TimeSpan.FromSeconds(60), "payloads after the gateway's silo was killed");
        // Grains that lived on the dead silo answer again once the cluster has declared it dead: until then a call to
        // one fails with ConnectionLostException, and is retried as a client would.
        var deployed = await UntilAnsweredAsync(() => session.DeployPipelineJsonAsync(watched.NodeId, AfterKill));
        var outcomes = await calls.StopAsync();
        var nodes = await UntilAnsweredAsync(() => session.GetNodesAsync());

        Assert.True(losses > 0, "The session did not notice the loss of its gateway.");
        Assert.Empty(received.Doubles);
        Assert.True(deployed.Version > 0);
        Assert.All(outcomes, o => Assert.True(o.Error is null or ConnectionLostException, $"A call failed with {o.Error?.GetType().Name}: {o.Error?.Message}"));
        Assert.All(outcomes, o => Assert.True(o.Duration < ResponseTimeout, $"A call took {o.Duration.TotalSeconds:0.0} s, past its {ResponseTimeout.TotalSeconds} s timeout."));
        Assert.Equal(3, nodes.Count);
    }

    private const string AfterKill = """{"NAME":"after-kill","TYPE":"Void","PLUGINS":[{"SIGNATURE":"ECHO_01","INSTANCES":[{"INSTANCE_ID":"e1","PROCESS_DELAY":1}]}]}""";

    private static async Task<T> UntilAnsweredAsync<T>(Func<Task<T>> call)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            try
            {
                return await call();
            }
            catch (ConnectionLostException) when (DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }
    }

    private static async Task<Pipeline> DeployTickingAsync(Ratio1Session session, string node, string name = "ticking")
    {
        var pipeline = session.CreatePipeline(node, name, "Void");
        pipeline.CreatePluginInstance("ECHO_01", "e1", new Dictionary<string, object?> { ["ALLOW_EMPTY_INPUTS"] = true, ["PROCESS_DELAY"] = 0.1 });
        await pipeline.DeployAsync(new DeployOptions { Timeout = Patience });
        return pipeline;
    }

    /// <summary>Three silos, three nodes, one cluster on the given database.</summary>
    /// <summary>One call's fate: when it started, how long it took, how it failed (null: it completed).</summary>
    private sealed record CallOutcome(DateTimeOffset Started, TimeSpan Duration, Exception? Error);

    /// <summary>Reads the cluster in a loop, two calls at a time, recording each call's outcome, until stopped.</summary>
    private sealed class CallLoop : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly List<CallOutcome> _outcomes = [];
        private readonly Task _loop;

        private CallLoop(Ratio1Session session, string node) => _loop = Task.Run(() => LoopAsync(session, node));

        public static CallLoop Start(Ratio1Session session, string node) => new(session, node);

        public async Task<IReadOnlyList<CallOutcome>> StopAsync()
        {
            await _stop.CancelAsync();
            await _loop;
            lock (_outcomes)
            {
                return [.. _outcomes];
            }
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync();
            _stop.Dispose();
        }

        private async Task LoopAsync(Ratio1Session session, string node)
        {
            while (!_stop.IsCancellationRequested)
            {
                await Task.WhenAll(TimeAsync(() => session.GetNodesAsync()), TimeAsync(() => session.GetPipelineAsync(node, "ticking")));
                await Task.Delay(50);
            }
        }

        private async Task TimeAsync(Func<Task> call)
        {
            var started = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            Exception? error = null;
            try
            {
                await call();
            }
            catch (Exception e)
            {
                error = e;
            }

            lock (_outcomes)
            {
                _outcomes.Add(new CallOutcome(started, clock.Elapsed, error));
            }
        }
    }
}
