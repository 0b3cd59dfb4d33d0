using Ratio1.Orleans.Testing;
using Ratio1.Orleans.Tests.Infrastructure;

namespace Ratio1.Orleans.Tests.Persistence;

/// <summary>State survives a full restart of a silo on PostgreSQL (cluster mode), on a private throwaway server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresRestartTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Pipelines_history_and_node_survive_a_silo_restart_on_postgres()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        await using var silo = await TestSilo.StartAsync("edge-pg", extraArgs: ["--storage", "postgres", "--connection-string", connectionString, "--apply-schema"]);
        var scenario = new PersistenceScenario();
        await scenario.BuildAsync(silo);

        await silo.RestartAsync();

        await scenario.AssertSurvivedAsync(silo);
    }
}
