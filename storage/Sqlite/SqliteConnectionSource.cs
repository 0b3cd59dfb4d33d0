using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Ratio1.Orleans.Storage.Sqlite;

/// <summary>
/// Hands Orleans' ADO.NET providers SQLite connections with our per-connection settings applied. Microsoft.Data.Sqlite
/// has no connection-string keyword for these pragmas, and a pragma inside a query text would return a stray row
/// that the providers would try to read as data.
/// </summary>
public sealed class SqliteConnectionSource : DbDataSource
{
    // busy_timeout: wait for a writer instead of failing with "database is locked".
    // synchronous=NORMAL: safe with WAL (a power cut may drop the last commits but never corrupts) and much faster.
    // wal_autocheckpoint: SqliteCheckpointService checkpoints in the background; commits only do it past ~40 MB.
    private const string ConnectionPragmas = "PRAGMA busy_timeout=5000; PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=10000;";

    private readonly string _connectionString;

    // Pooled connections keep their native handle, and the pragmas stay set on it: apply them once per handle.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> _prepared = [];

    public SqliteConnectionSource(string connectionString)
    {
        _connectionString = connectionString;
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var file = Path.GetFullPath(builder.DataSource);
            var directory = Path.GetDirectoryName(file)!;
            try
            {
                OwnerOnlyFiles.CreateFolder(directory);
                if (builder.Mode is SqliteOpenMode.ReadWriteCreate)
                {
                    OwnerOnlyFiles.PrepareDatabase(file);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw Faults.DatabaseUnavailableException.ForDataDirectory(directory, e);
            }
        }
    }

    public override string ConnectionString => _connectionString;

    protected override DbConnection CreateDbConnection() => new SqliteConnection(_connectionString);

    protected override DbConnection OpenDbConnection()
    {
        var connection = CreateDbConnection();
        connection.Open();
        Apply(connection);
        return connection;
    }

    protected override async ValueTask<DbConnection> OpenDbConnectionAsync(CancellationToken cancellationToken = default)
    {
        var connection = CreateDbConnection();
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        Apply(connection);
        return connection;
    }

    private void Apply(DbConnection connection)
    {
        var handle = ((SqliteConnection)connection).Handle;
        if (handle is null || _prepared.TryGetValue(handle, out _))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = ConnectionPragmas;
        command.ExecuteNonQuery();
        _prepared.AddOrUpdate(handle, handle);
    }
}
