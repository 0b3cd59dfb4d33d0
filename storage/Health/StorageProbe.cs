using System.Data.Common;
using Npgsql;
using Ratio1.Orleans.Storage.Faults;
using Ratio1.Orleans.Storage.Hosting;

namespace Ratio1.Orleans.Storage.Health;

/// <summary>
/// Asks the node's storage a real, cheap question (the schema version) within a short timeout, for the health checks:
/// a silo whose database is down is not healthy even though its grains still answer from memory.
/// </summary>
public sealed class StorageProbe : IAsyncDisposable
{
    private const string Query = "SELECT max(version) FROM r1_schema_version";

    private readonly DbDataSource _source;
    private readonly bool _ownsSource;
    private readonly TimeSpan _timeout;

    /// <summary>Probes through <paramref name="shared"/> (SQLite's connection source), or its own PostgreSQL connections.</summary>
    public StorageProbe(StorageOptions options, DbDataSource? shared)
    {
        _timeout = TimeSpan.FromSeconds(options.HealthCheckTimeoutSeconds);
        if (shared is not null)
        {
            _source = shared;
            return;
        }

        // Unpooled: each probe opens a new connection, so a pooled one broken by an outage never answers for the server.
        var seconds = (int)Math.Ceiling(options.HealthCheckTimeoutSeconds);
        var builder = new NpgsqlConnectionStringBuilder(options.ResolveConnectionString()) { Pooling = false, Timeout = seconds, CommandTimeout = seconds };
        _source = NpgsqlDataSource.Create(builder.ConnectionString);
        _ownsSource = true;
    }

    /// <summary>Asks the storage now (never from a cache): the schema version it records, or why it did not answer in time
    /// (safe to show: no address, no password).</summary>
    public async Task<StorageProbeResult> ProbeAsync(CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            await using var connection = await _source.OpenConnectionAsync(timeout.Token);
            await using var command = connection.CreateCommand();
            command.CommandText = Query;
            var version = await command.ExecuteScalarAsync(timeout.Token);
            return new StorageProbeResult(version is null or DBNull ? 0 : Convert.ToInt32(version, System.Globalization.CultureInfo.InvariantCulture), null);
        }
        catch (DbException e)
        {
            return new StorageProbeResult(null, DatabaseFailure.Of(e));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new StorageProbeResult(null, new DatabaseFailure(DatabaseFailureKind.Unreachable, $"no answer within {_timeout.TotalSeconds:0.#} s"));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_ownsSource)
        {
            await _source.DisposeAsync();
        }
    }
}
