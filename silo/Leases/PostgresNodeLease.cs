using System.Buffers.Binary;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Ratio1.Orleans.Storage.Faults;
using Ratio1.Orleans.Storage.Hosting;

namespace Ratio1.Orleans.Silo.Leases;

/// <summary>
/// One live silo per node across the cluster: a PostgreSQL session advisory lock, keyed by service id and node id,
/// held on a connection of its own for the silo's life, and a <c>node_lease</c> row in which the holder describes
/// itself so that a refused silo can name it. PostgreSQL releases the lock when the holder's session ends: at once when
/// its process dies (the kernel closes its socket), within about 20 s when its machine or network goes silent (the
/// session's TCP keepalives and idle timeout, set below). When the session is lost while the silo runs (database
/// restart, network cut), the silo takes the lock again by itself; if another silo took the node meanwhile, this one
/// stops, so that a node is never served twice.
/// </summary>
internal sealed partial class PostgresNodeLease : IAsyncDisposable
{
    private static readonly TimeSpan PingPeriod = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan RetakePeriod = TimeSpan.FromSeconds(1);

    // A holder describes itself once the schema step is done: a silo refused before that waits for it a little.
    private static readonly TimeSpan DescriptionWait = TimeSpan.FromSeconds(10);

    // Without them a silent peer keeps its session (and the node) for hours: the server's TCP keepalive defaults to 2 h.
    // The idle timeout also frees the node of a frozen silo (SIGSTOP), which the cluster declares dead in seconds.
    private const string SessionSettings = """
        SELECT set_config(name, setting, false)
        FROM (VALUES ('tcp_keepalives_idle', '10'), ('tcp_keepalives_interval', '5'), ('tcp_keepalives_count', '3'), ('idle_session_timeout', '20s')) AS s (name, setting)
        WHERE name IN (SELECT name FROM pg_settings)
        """;

    private const string Describe = """
        INSERT INTO node_lease (service_id, node_id, silo_address, gateway_address, host_name, process_id, started_utc, backend_pid)
        VALUES (@service, @node, @silo, @gateway, @host, @pid, @started, pg_backend_pid())
        ON CONFLICT (service_id, node_id) DO UPDATE SET
            silo_address = excluded.silo_address, gateway_address = excluded.gateway_address, host_name = excluded.host_name,
            process_id = excluded.process_id, started_utc = excluded.started_utc, backend_pid = excluded.backend_pid
        """;

    // A bigint advisory key appears in pg_locks as classid (high half) and objid (low half), with objsubid 1.
    private const string FindLockHolder = """
        SELECT pid FROM pg_locks
        WHERE locktype = 'advisory' AND granted AND objsubid = 1 AND classid::bigint = @high AND objid::bigint = @low
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
        """;

    private const string ReadDescription = """
        SELECT node_id, silo_address, gateway_address, host_name, process_id, started_utc, backend_pid
        FROM node_lease WHERE service_id = @service AND node_id = @node
        """;

    private readonly string _connectionString;
    private readonly StorageOptions _storage;
    private readonly string _serviceId;
    private readonly LeaseHolder _self;
    private readonly long _key;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private NpgsqlConnection? _connection;
    private Task _keeping = Task.CompletedTask;

    private PostgresNodeLease(StorageOptions storage, string serviceId, LeaseHolder self, TimeProvider time, ILogger logger)
    {
        _storage = storage;
        _serviceId = serviceId;
        _self = self;
        _time = time;
        _logger = logger;
        _key = KeyOf(serviceId, self.Node);
        _connectionString = new NpgsqlConnectionStringBuilder(storage.ResolveConnectionString())
        {
            // A session of its own: a pooled connection would hand the lock to whoever uses it next.
            Pooling = false,
            Multiplexing = false,
            ApplicationName = "ratio1-node-lease",
        }.ConnectionString;
    }

    /// <summary>Set when another silo took the node while this one was cut off; the silo has been asked to stop.</summary>
    public NodeAlreadyServedException? Loss { get; private set; }

    /// <summary>
    /// Takes the node's lock (the row comes with <see cref="HoldAsync"/>, after the schema step that creates its table),
    /// or throws <see cref="NodeAlreadyServedException"/> naming the silo that has it.
    /// </summary>
    public static async Task<PostgresNodeLease> ClaimAsync(StorageOptions storage, string serviceId, LeaseHolder self, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        var lease = new PostgresNodeLease(storage, serviceId, self, time, logger);
        try
        {
            var deadline = time.GetUtcNow() + DescriptionWait;
            while (!await lease.TryLockAsync(cancellationToken))
            {
                var (backendPid, holder) = await lease.FindHolderAsync(cancellationToken);
                if (holder is not null || (backendPid is not null && time.GetUtcNow() > deadline))
                {
                    throw NodeAlreadyServedException.ForCluster(self.Node, holder, backendPid);
                }

                // No description yet, or the holder let go in between: look again.
                await Task.Delay(TimeSpan.FromMilliseconds(200), time, cancellationToken);
            }

            return lease;
        }
        catch (DbException e)
        {
            await lease.DisposeAsync();
            throw DatabaseUnavailableException.For(DatabaseFailure.Of(e), storage, e);
        }
        catch
        {
            await lease.DisposeAsync();
            throw;
        }
    }

    /// <summary>Describes this silo in <c>node_lease</c>, then keeps the lock for the silo's life; a lost lock is taken again, or the silo stopped through <paramref name="lifetime"/>.</summary>
    public async Task HoldAsync(IHostApplicationLifetime lifetime, CancellationToken cancellationToken)
    {
        try
        {
            // A clean stop deletes the row: one left behind is from a silo that died holding the node.
            if (await ReadRowAsync(cancellationToken) is ({ } previous, _))
            {
                LogTakenOver(_logger, _self.Node, previous.ToString());
            }

            await DescribeAsync(cancellationToken);
        }
        catch (DbException e)
        {
            throw DatabaseUnavailableException.For(DatabaseFailure.Of(e), _storage, e);
        }

        _keeping = Task.Run(() => KeepAsync(lifetime, _stopping.Token), CancellationToken.None);
    }

    /// <summary>Releases the node: deletes this silo's row and ends its session, which drops the lock.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _keeping;
        if (_connection is { } connection)
        {
            try
            {
                await using var command = new NpgsqlCommand("DELETE FROM node_lease WHERE service_id = @service AND node_id = @node AND backend_pid = pg_backend_pid()", connection);
                command.Parameters.AddWithValue("service", _serviceId);
                command.Parameters.AddWithValue("node", _self.Node);
                command.CommandTimeout = 5;
                await command.ExecuteNonQueryAsync();
            }
            catch (Exception e) when (e is DbException or InvalidOperationException or TimeoutException)
            {
                // The table may not exist (refused before the schema step) or the database is gone: ending the session is what releases the node.
            }

            await connection.DisposeAsync();
            _connection = null;
        }

        _stopping.Dispose();
    }

    /// <summary>The advisory key of <paramref name="node"/> in <paramref name="serviceId"/>: the first 8 bytes of a SHA-256, so distinct nodes practically never share one.</summary>
    public static long KeyOf(string serviceId, string node) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes($"ratio1/node-lease/{serviceId}/{node}")));

    private async Task KeepAsync(IHostApplicationLifetime lifetime, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(PingPeriod, _time, cancellationToken);
                try
                {
                    await using var ping = new NpgsqlCommand("SELECT 1", _connection) { CommandTimeout = 10 };
                    await ping.ExecuteScalarAsync(cancellationToken);
                    continue;
                }
                catch (Exception e) when (IsConnectionFailure(e) && !cancellationToken.IsCancellationRequested)
                {
                    LogLeaseConnectionLost(_logger, _self.Node, Reason(e));
                }

                if (!await RetakeAsync(cancellationToken))
                {
                    lifetime.StopApplication();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The silo stops.
        }
    }

    // Takes the lock again on a new session; false when another silo holds the node now.
    private async Task<bool> RetakeAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        DateTimeOffset? undescribedSince = null;
        while (true)
        {
            try
            {
                await CloseAsync();
                if (await TryLockAsync(cancellationToken))
                {
                    await DescribeAsync(cancellationToken);
                    LogLeaseRetaken(_logger, _self.Node, failures);
                    return true;
                }

                var (backendPid, holder) = await FindHolderAsync(cancellationToken);
                if (holder is not null && holder.IsSameSilo(_self))
                {
                    // Our own old session (it wrote our row), which the server has not noticed is gone: end it (allowed
                    // for one's own role). A session pid alone could be reused by another silo's after a restart.
                    await using var terminate = new NpgsqlCommand("SELECT pg_terminate_backend(@pid)", _connection);
                    terminate.Parameters.AddWithValue("pid", backendPid!.Value);
                    await terminate.ExecuteScalarAsync(cancellationToken);
                }
                else if (backendPid is not null)
                {
                    undescribedSince ??= _time.GetUtcNow();
                    if (holder is not null || _time.GetUtcNow() - undescribedSince > DescriptionWait)
                    {
                        Loss = NodeAlreadyServedException.Taken(_self.Node, holder);
                        LogNodeTaken(_logger, _self.Node, holder?.ToString() ?? $"database session {backendPid}");
                        return false;
                    }
                }
            }
            catch (Exception e) when (IsConnectionFailure(e) && !cancellationToken.IsCancellationRequested)
            {
                if (failures++ % 60 == 0)
                {
                    LogLeaseStillUnreachable(_logger, _self.Node, Reason(e));
                }
            }

            await Task.Delay(RetakePeriod, _time, cancellationToken);
        }
    }

    private async Task<bool> TryLockAsync(CancellationToken cancellationToken)
    {
        if (_connection is null)
        {
            var connection = new NpgsqlConnection(_connectionString);
            try
            {
                await connection.OpenAsync(cancellationToken);
                await using var settings = new NpgsqlCommand(SessionSettings, connection);
                await settings.ExecuteNonQueryAsync(cancellationToken);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }

            _connection = connection;
        }

        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", _connection);
        command.Parameters.AddWithValue("key", _key);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task DescribeAsync(CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Describe, _connection);
        command.Parameters.AddWithValue("service", _serviceId);
        command.Parameters.AddWithValue("node", _self.Node);
        command.Parameters.AddWithValue("silo", _self.Silo);
        command.Parameters.AddWithValue("gateway", _self.Gateway);
        command.Parameters.AddWithValue("host", _self.Host);
        command.Parameters.AddWithValue("pid", _self.Pid);
        command.Parameters.AddWithValue("started", _self.StartedAt.UtcDateTime);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // The session holding the node's lock, and its description when the row was written by that very session.
    private async Task<(int? BackendPid, LeaseHolder? Holder)> FindHolderAsync(CancellationToken cancellationToken)
    {
        int? backendPid;
        await using (var find = new NpgsqlCommand(FindLockHolder, _connection))
        {
            find.Parameters.AddWithValue("high", (long)(uint)(_key >> 32));
            find.Parameters.AddWithValue("low", (long)(uint)_key);
            backendPid = await find.ExecuteScalarAsync(cancellationToken) is int pid ? pid : null;
        }

        if (backendPid is null)
        {
            return (null, null);
        }

        try
        {
            if (await ReadRowAsync(cancellationToken) is ({ } holder, var describedBy) && describedBy == backendPid)
            {
                return (backendPid, holder);
            }
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // The holder has not run the schema step yet.
        }

        return (backendPid, null);
    }

    // The node's row, and the session that wrote it.
    private async Task<(LeaseHolder? Holder, int BackendPid)> ReadRowAsync(CancellationToken cancellationToken)
    {
        await using var read = new NpgsqlCommand(ReadDescription, _connection);
        read.Parameters.AddWithValue("service", _serviceId);
        read.Parameters.AddWithValue("node", _self.Node);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (new LeaseHolder(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4), new DateTimeOffset(reader.GetDateTime(5), TimeSpan.Zero)), reader.GetInt32(6))
            : (null, 0);
    }

    private async Task CloseAsync()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.DisposeAsync();
        }
    }

    private static bool IsConnectionFailure(Exception e) => e is DbException or InvalidOperationException or TimeoutException or IOException;

    private static string Reason(Exception e) => DatabaseFailure.Find(e)?.Reason ?? e.GetType().Name;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node}: taking it over from {Previous}, which ended without releasing it")]
    private static partial void LogTakenOver(ILogger logger, string node, string previous);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node}: the database session holding its lease was lost ({Reason}); taking the lease again")]
    private static partial void LogLeaseConnectionLost(ILogger logger, string node, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node}: its lease cannot be taken again yet ({Reason}); the silo keeps running and retries every second")]
    private static partial void LogLeaseStillUnreachable(ILogger logger, string node, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node}: lease taken again ({Failures} failed attempts)")]
    private static partial void LogLeaseRetaken(ILogger logger, string node, int failures);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Node {Node} was taken by another silo while this one was cut off from the database: {Holder}; this silo stops")]
    private static partial void LogNodeTaken(ILogger logger, string node, string holder);
}
