using Ratio1.Orleans.Client;
using Ratio1.Orleans.Contracts.Errors;
using Ratio1.Orleans.Contracts.Pipelines;
using Ratio1.Orleans.Testing;

namespace Ratio1.Orleans.Tests.Persistence;

/// <summary>A real fault: the database goes down under a running silo and comes back.</summary>
public sealed class PostgresOutageTests
{
    [Fact]
    public async Task A_change_during_a_database_outage_fails_and_nothing_is_half_applied_when_it_returns()
    {
        // Durable settings: a crash must not lose committed writes (the fast test settings would).
        await using var server = await PostgresServer.StartAsync(durable: true);
        var connectionString = await server.CreateDatabaseAsync();
        await using var silo = await TestSilo.StartAsync("edge-outage", extraArgs: ["--storage", "postgres", "--connection-string", connectionString, "--apply-schema"]);
        await using var session = await silo.ConnectAsync();
        await session.DeployPipelineJsonAsync(silo.NodeId, """{"NAME":"p","TYPE":"Void","PLUGINS":[{"SIGNATURE":"ECHO_01","INSTANCES":[{"INSTANCE_ID":"e1","PROCESS_DELAY":1}]}]}""");

        await server.KillAsync();
        var failure = await Record.ExceptionAsync(() => UpdateDelayAsync(session, silo.NodeId, 2));
        await server.StartServerAsync();
        var outcome = await RetryAsync(() => UpdateDelayAsync(session, silo.NodeId, 2));

        Assert.IsType<StorageUnavailableException>(failure);
        Assert.Equal(2, outcome.Version);
        Assert.Equal([2, 1], (await session.GetPipelineHistoryAsync(silo.NodeId, "p")).Select(h => h.Version));
        Assert.Equal(2, (await session.GetPipelineAsync(silo.NodeId, "p")).Config.FindInstance("ECHO_01", "e1")!.ProcessDelay);
    }

    private static Task<DeployOutcome> UpdateDelayAsync(Ratio1Session session, string node, int delay) =>
        session.UpdateInstanceAsync(node, "p", "ECHO_01", "e1", new Dictionary<string, object?> { ["PROCESS_DELAY"] = delay });

    // Pooled connections broken by the outage fail once each before the pool reconnects.
    private static async Task<T> RetryAsync<T>(Func<Task<T>> action)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await action();
            }
            catch (Exception) when (attempt < 20)
            {
                await Task.Delay(250);
            }
        }
    }
}
