using Npgsql;
using Ratio1.Orleans.Storage.Hosting;
using Ratio1.Orleans.Storage.Schema;

namespace Ratio1.Orleans.Tests.Traffic;

/// <summary>
/// Runs our PostgreSQL stream query texts the way Orleans' ADO.NET stream provider does: the stored text, parameters
/// named as the provider names them, every row read. Times are whole seconds, as the provider sends them.
/// </summary>
public sealed class StreamQueryTexts(string connectionString)
{
    public const string ServiceId = "svc";
    public const string ProviderId = "r1-traffic";
    public const string QueueId = "r1-traffic-0";

    private static readonly IReadOnlyDictionary<string, string> Texts = SqlResources.Queries(StorageProvider.Postgres);

    public async Task<long> QueueAsync(byte[] payload, int expiryTimeout = 600)
    {
        var rows = await RunAsync("QueueStreamMessageKey", ("Payload", payload), ("ExpiryTimeout", expiryTimeout));
        return (long)Assert.Single(rows)["MessageId"];
    }

    public Task<IReadOnlyList<IReadOnlyDictionary<string, object>>> GetAsync(int maxCount = 10, int maxAttempts = 5, int visibilityTimeout = 60,
        int removalTimeout = 600, int evictionInterval = 60, int evictionBatchSize = 100) =>
        RunAsync("GetStreamMessagesKey", ("MaxCount", maxCount), ("MaxAttempts", maxAttempts), ("VisibilityTimeout", visibilityTimeout),
            ("RemovalTimeout", removalTimeout), ("EvictionInterval", evictionInterval), ("EvictionBatchSize", evictionBatchSize));

    /// <summary>Confirms (positive receipts) or releases (negative receipts) messages, as <c>id:dequeued|...</c>.</summary>
    public Task<IReadOnlyList<IReadOnlyDictionary<string, object>>> ConfirmAsync(params (long MessageId, int Dequeued)[] items) =>
        RunAsync("ConfirmStreamMessagesKey", ("Items", string.Join('|', items.Select(i => $"{i.MessageId}:{i.Dequeued}"))));

    public Task FailAsync(long messageId, int maxAttempts = 5, int removalTimeout = 600) =>
        RunAsync("FailStreamMessageKey", ("MessageId", messageId), ("MaxAttempts", maxAttempts), ("RemovalTimeout", removalTimeout));

    public Task EvictMessagesAsync(int maxCount = 100, int maxAttempts = 5, int removalTimeout = 600) =>
        RunAsync("EvictStreamMessagesKey", ("MaxCount", maxCount), ("MaxAttempts", maxAttempts), ("RemovalTimeout", removalTimeout));

    public Task EvictDeadLettersAsync(int maxCount = 100) => RunAsync("EvictStreamDeadLettersKey", ("MaxCount", maxCount));

    /// <summary>Message ids in a table (<c>stream_message</c> or <c>stream_dead_letter</c>), ascending.</summary>
    public async Task<IReadOnlyList<long>> IdsInAsync(string table)
    {
        var ids = new List<long>();
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT message_id FROM {table} ORDER BY message_id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    /// <summary>Runs a statement of our own (to age rows, say).</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<IReadOnlyList<IReadOnlyDictionary<string, object>>> RunAsync(string key, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(Texts[key], connection);
        foreach (var (name, value) in new (string, object)[] { ("ServiceId", ServiceId), ("ProviderId", ProviderId), ("QueueId", QueueId) }.Concat(parameters))
        {
            command.Parameters.AddWithValue(name, value);
        }

        var rows = new List<IReadOnlyDictionary<string, object>>();
        await using var reader = await command.ExecuteReaderAsync();
        do
        {
            while (await reader.ReadAsync())
            {
                rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, reader.GetValue));
            }
        }
        while (await reader.NextResultAsync());

        return rows;
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }
}
