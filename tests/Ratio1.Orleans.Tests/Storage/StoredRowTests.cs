using Microsoft.Data.Sqlite;
using Ratio1.Orleans.Contracts.Config;
using Ratio1.Orleans.Storage.Hosting;
using Ratio1.Orleans.Testing;

namespace Ratio1.Orleans.Tests.Storage;

/// <summary>What a deploy leaves in the embedded database: readable JSON, the config in its Ratio1 form.</summary>
public sealed class StoredRowTests
{
    [Fact]
    public async Task A_deployed_pipeline_is_stored_as_versioned_json_holding_its_ratio1_config()
    {
        // Its capture root is / so the example path /v.mp4 is one the node may read.
        await using var silo = await TestSilo.StartAsync("edge-rows", extraArgs: ["--capture-roots", "/"]);
        await using (var session = await silo.ConnectAsync())
        {
            await session.DeployPipelineJsonAsync(silo.NodeId, """{"NAME":"cam","TYPE":"VideoFile","URL":"/v.mp4","PLUGINS":[{"SIGNATURE":"ECHO_01","INSTANCES":[{"INSTANCE_ID":"i1","PROCESS_DELAY":2}]}]}""");
        }

        await silo.StopAsync();
        var payload = await ReadPayloadAsync(silo.DataDirectory, "pipeline");

        var document = ConfigMap.Parse(payload);
        Assert.Equal(("r1.pipeline", "2"), (document["contract"].AsString(), document["version"].NumberLiteral));
        var config = document["state"].Fields["current"].Fields["config"].Fields;
        Assert.Equal(ConfigMap.Parse("""{"NAME":"cam","TYPE":"VideoFile","URL":"/v.mp4","PLUGINS":[{"SIGNATURE":"ECHO_01","INSTANCES":[{"INSTANCE_ID":"i1","PROCESS_DELAY":2}]}]}"""), config);
        Assert.DoesNotContain("$type", payload);
    }

    private static async Task<string> ReadPayloadAsync(string dataDirectory, string stateName)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, StorageOptions.SqliteFileName)};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload FROM grain_state WHERE state_name = $name";
        command.Parameters.AddWithValue("$name", stateName);
        var bytes = (byte[])(await command.ExecuteScalarAsync())!;
        return System.Text.Encoding.UTF8.GetString(bytes);
    }
}
