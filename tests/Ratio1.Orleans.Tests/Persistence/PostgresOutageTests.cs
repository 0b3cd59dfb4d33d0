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

    [Fact]
    public async Task Deploying_a_new_pipeline_while_the_database_is_down_fails_as_storage_unavailable_and_works_once_it_is_back()
    {
        await using var server = await PostgresServer.StartAsync(durable: true);
        var connectionString = await server.CreateDatabaseAsync();
        await using var silo = await TestSilo.StartAsync("edge-outage", extraArgs: ["--storage", "postgres", "--connection-string", connectionString, "--apply-schema"]);
        await using var session = await silo.ConnectAsync();
        const string Document = """{"NAME":"fresh","TYPE":"Void","PLUGINS":[{"SIGNATURE":"ECHO_01","INSTANCES":[{"INSTANCE_ID":"e1","PROCESS_DELAY":1}]}]}""";

        await server.KillAsync();
        // The pipeline grain has never been active: the call fails while Orleans activates it and reads its state.
        var failure = await Record.ExceptionAsync(() => session.DeployPipelineJsonAsync(silo.NodeId, Document));
        await server.StartServerAsync();
        var outcome = await UntilStorageIsBackAsync(() => session.DeployPipelineJsonAsync(silo.NodeId, Document));

        var unavailable = Assert.IsType<StorageUnavailableException>(failure);
        Assert.DoesNotContain(connectionString, unavailable.Message);
        Assert.DoesNotContain(server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), unavailable.Message);
        Assert.Equal(1, outcome.Version);
        Assert.Equal([1], (await session.GetPipelineHistoryAsync(silo.NodeId, "fresh")).Select(h => h.Version));
    }

    [Fact]
    public async Task Reading_an_unknown_pipeline_while_the_database_is_down_fails_as_storage_unavailable_and_as_not_found_once_it_is_back()
    {
        await using var server = await PostgresServer.StartAsync(durable: true);
        var connectionString = await server.CreateDatabaseAsync();
        await using var silo = await TestSilo.StartAsync("edge-outage", extraArgs: ["--storage", "postgres", "--connection-string", connectionString, "--apply-schema"]);
        await using var session = await silo.ConnectAsync();

        await server.KillAsync();
        var failure = await Record.ExceptionAsync(() => session.GetPipelineAsync(silo.NodeId, "never-deployed"));
        await server.StartServerAsync();
        var afterwards = await UntilStorageIsBackAsync(async () => await Record.ExceptionAsync(() => session.GetPipelineAsync(silo.NodeId, "never-deployed")) switch
        {
            StorageUnavailableException unavailable => throw unavailable,
            var other => other,
        });

        Assert.IsType<StorageUnavailableException>(failure);
        Assert.IsType<PipelineNotFoundException>(afterwards);
    }

    // A grain whose activation failed refuses calls for a few seconds before Orleans lets it activate again.
    private static async Task<T> UntilStorageIsBackAsync<T>(Func<Task<T>> action)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                return await action();
            }
            catch (StorageUnavailableException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }
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
