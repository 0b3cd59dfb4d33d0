using Microsoft.Data.Sqlite;
using Ratio1.Orleans.Contracts;
using Ratio1.Orleans.Storage.Hosting;

namespace Ratio1.Orleans.Tests.Security;

/// <summary>
/// Direct access to a silo's SQLite file, as someone with write access to the disk would have: edits the stored
/// history behind the silo's back, through a second connection.
/// </summary>
public sealed class AuditStoredHistory(string dataDirectory, string node, string pipeline)
{
    private readonly string _key = GrainKeys.Pipeline(node, pipeline);

    /// <summary>Runs <paramref name="sql"/> with <c>$key</c> bound to the pipeline's key; returns the rows changed.</summary>
    public async Task<int> ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, StorageOptions.SqliteFileName)};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$key", _key);
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Sets <paramref name="path"/> (a JSON path in the version's record) to <paramref name="jsonValue"/> in stored version <paramref name="version"/>.</summary>
    public async Task SetAsync(int version, string path, string jsonValue)
    {
        var changed = await ExecuteAsync(
            $"UPDATE pipeline_history SET record = json_set(record, '{path}', json('{jsonValue}')) WHERE pipeline_key = $key AND version = {version}");
        Assert.Equal(1, changed);
    }

    /// <summary>The stored record (JSON) of version <paramref name="version"/>.</summary>
    public async Task<string> ReadAsync(int version)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, StorageOptions.SqliteFileName)};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT record FROM pipeline_history WHERE pipeline_key = $key AND version = {version}";
        command.Parameters.AddWithValue("$key", _key);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Makes <paramref name="recordJson"/> the pipeline's current version in its stored state; the schema's triggers
    /// put it in the history under its version too. Only while the silo is stopped: a running one keeps its own.
    /// </summary>
    public async Task ReplaceCurrentAsync(string recordJson)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, StorageOptions.SqliteFileName)};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText =
            "UPDATE grain_state SET payload = CAST(json_set(CAST(payload AS TEXT), '$.state.current', json($record)) AS BLOB) WHERE state_name = 'pipeline' AND key_text = $key";
        command.Parameters.AddWithValue("$key", _key);
        command.Parameters.AddWithValue("$record", recordJson);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    /// <summary>Removes stored version <paramref name="version"/> from the history.</summary>
    public async Task DeleteAsync(int version) =>
        Assert.Equal(1, await ExecuteAsync($"DELETE FROM pipeline_history WHERE pipeline_key = $key AND version = {version}"));
}
