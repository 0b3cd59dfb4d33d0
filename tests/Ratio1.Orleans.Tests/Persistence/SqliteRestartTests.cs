using Ratio1.Orleans.Storage.Hosting;
using Ratio1.Orleans.Testing;

namespace Ratio1.Orleans.Tests.Persistence;

/// <summary>State survives a full restart of a silo on the embedded SQLite storage.</summary>
public sealed class SqliteRestartTests
{
    [Fact]
    public async Task Pipelines_history_and_node_survive_a_silo_restart_on_sqlite()
    {
        await using var silo = await TestSilo.StartAsync("edge-sqlite");
        var scenario = new PersistenceScenario();
        await scenario.BuildAsync(silo);

        await silo.RestartAsync();

        await scenario.AssertSurvivedAsync(silo);
    }

    [Fact]
    public async Task The_embedded_database_is_a_file_under_the_data_directory()
    {
        await using var silo = await TestSilo.StartAsync("edge-sqlite-file");

        Assert.True(File.Exists(Path.Combine(silo.DataDirectory, StorageOptions.SqliteFileName)));
    }
}
