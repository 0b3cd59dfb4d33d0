using System.Data.Common;
using System.Globalization;
using Ratio1.Orleans.Contracts.Pipelines;
using Ratio1.Orleans.Storage.Hosting;
using Ratio1.Orleans.Storage.Schema;

namespace Ratio1.Orleans.Storage.Catalog;

/// <summary>
/// Reads what the pipeline state rows and their history table hold, with our own queries: the pipelines of a node
/// (always exactly what is stored: no index to keep in step) and past versions of a pipeline.
/// </summary>
public sealed class PipelineCatalog(StorageProvider provider, DbDataSource dataSource, string serviceId) : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, string> _queries = SqlResources.CatalogQueries(provider);

    /// <summary>Stored pipelines whose grain key starts with <paramref name="keyPrefix"/>, by name.</summary>
    public Task<IReadOnlyList<PipelineSummary>> ListAsync(string keyPrefix, CancellationToken cancellationToken = default) =>
        WithReconnectAsync(() => ListOnceAsync(keyPrefix, cancellationToken));

    /// <summary>The stored records (JSON) of versions <paramref name="newest"/> down to <paramref name="oldest"/>, newest first.</summary>
    public Task<IReadOnlyList<string>> ReadVersionsAsync(string pipelineKey, int newest, int oldest, CancellationToken cancellationToken = default) =>
        WithReconnectAsync(() => ReadVersionsOnceAsync(pipelineKey, newest, oldest, cancellationToken));

    private async Task<IReadOnlyList<PipelineSummary>> ListOnceAsync(string keyPrefix, CancellationToken cancellationToken)
    {
        await using var command = Command("ListPipelines", ("ServiceId", serviceId), ("KeyPrefix", keyPrefix), ("KeyPrefixEnd", PrefixEnd(keyPrefix)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<PipelineSummary>();
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new PipelineSummary(
                reader.GetString(0),
                reader.GetString(1),
                Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture),
                Convert.ToBoolean(reader.GetValue(3), CultureInfo.InvariantCulture),
                Convert.ToInt32(reader.GetValue(4), CultureInfo.InvariantCulture),
                reader.GetString(5),
                DateTimeOffset.Parse(reader.GetString(6), CultureInfo.InvariantCulture)));
        }

        return result;
    }

    private async Task<IReadOnlyList<string>> ReadVersionsOnceAsync(string pipelineKey, int newest, int oldest, CancellationToken cancellationToken)
    {
        await using var command = Command("ReadPipelineVersions", ("ServiceId", serviceId), ("PipelineKey", pipelineKey), ("Newest", newest), ("Oldest", oldest));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(reader.GetString(0));
        }

        return result;
    }

    // After a database restart every pooled connection is dead; drop them and try once more on fresh ones.
    private async Task<T> WithReconnectAsync<T>(Func<Task<T>> query)
    {
        try
        {
            return await query();
        }
        catch (DbException e) when (e.IsTransient && dataSource is Npgsql.NpgsqlDataSource postgres)
        {
            postgres.Clear();
            return await query();
        }
    }

    /// <summary>Closes the catalog's PostgreSQL pool (SQLite shares the silo's connection source, owned elsewhere).</summary>
    public ValueTask DisposeAsync() => dataSource is Npgsql.NpgsqlDataSource postgres ? postgres.DisposeAsync() : ValueTask.CompletedTask;

    private DbCommand Command(string query, params (string Name, object Value)[] parameters)
    {
        var command = dataSource.CreateCommand(_queries[query]);
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    // The smallest string above every string with this prefix (for an index range scan): bump the last character.
    private static string PrefixEnd(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);
}
